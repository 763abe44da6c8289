namespace RecyclePlatform.Application.Common;

/// <summary>
/// The caller changed something based on a version that is no longer current. Carries the
/// current state, so a device that lost the race can show what actually happened.
/// </summary>
public sealed class StaleVersionException(string resource, long currentVersion, string currentState)
    : Exception($"{resource} is at version {currentVersion} ({currentState}).")
{
    public long CurrentVersion { get; } = currentVersion;
    public string CurrentState { get; } = currentState;
}
