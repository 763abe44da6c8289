namespace RecyclePlatform.Domain.Common;

/// <summary>
/// An aggregate guarded against concurrent updates. The persistence layer bumps
/// <see cref="Version"/> on every save and rejects a write based on a stale one;
/// the API shows it as the ETag.
/// </summary>
public interface IVersioned
{
    long Version { get; }
}
