using Microsoft.AspNetCore.Identity;

namespace RecyclePlatform.Infrastructure.Identity;

/// <summary>
/// A person who signs in. Personal data lives here and nowhere else, so that deleting an
/// account removes it while pickup records and the ledger stay intact.
/// </summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 80;

    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language messages are written in (en or zh-CN), from the user's last choice.</summary>
    public string? Culture { get; set; }
}
