namespace RecyclePlatform.Application.Notifications;

/// <summary>
/// Copies of sent e-mail kept on this side (the development mail folder). They pair an address with
/// pickup references, so they are deleted after the retention period, and at once for an erased account.
/// </summary>
public interface IEmailArchive
{
    /// <returns>How many copies were deleted.</returns>
    Task<int> DeleteForRecipientAsync(string address, CancellationToken ct);

    /// <returns>How many copies were deleted.</returns>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct);
}
