namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>
/// Browser tests run one class at a time: each starts a server and Chromium, and on two cores
/// several at once starve each other into timeouts. Other test classes still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
