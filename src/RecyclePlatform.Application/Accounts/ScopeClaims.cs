namespace RecyclePlatform.Application.Accounts;

/// <summary>
/// Claim types that scope a staff role: a dispatcher to cities, a hub operator to a hub,
/// charity staff to their organisation. Stored as Identity user claims.
/// </summary>
public static class ScopeClaims
{
    public const string City = "rp:city";
    public const string Hub = "rp:hub";
    public const string Partner = "rp:partner";
}
