namespace RecyclePlatform.Web;

/// <summary>
/// Marker for the one resource file every page and endpoint uses
/// (Resources/SharedResource.resx for English, .zh-CN.resx for Simplified Chinese).
/// </summary>
public sealed class SharedResource;
