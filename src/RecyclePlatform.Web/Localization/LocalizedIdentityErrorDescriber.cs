using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace RecyclePlatform.Web;

/// <summary>Identity's messages (password too short, e-mail taken) in the user's language; codes stay Identity's.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), localizer["Identity.DefaultError"]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), localizer["Identity.ConcurrencyFailure"]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["Identity.PasswordMismatch"]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), localizer["Identity.InvalidToken"]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["Identity.InvalidEmail", Cap(email)]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), localizer["Identity.InvalidEmail", Cap(userName)]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["Identity.DuplicateEmail", Cap(email)]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["Identity.DuplicateEmail", Cap(userName)]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["Identity.PasswordTooShort", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), localizer["Identity.PasswordRequiresUniqueChars", uniqueChars]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), localizer["Identity.DefaultError"]);

    /// <summary>What was typed, echoed back at most 80 characters long (a 10 MB "e-mail" is not repeated).</summary>
    private static string Cap(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
