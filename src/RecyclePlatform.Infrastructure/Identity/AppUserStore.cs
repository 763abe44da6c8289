using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Identity;

/// <summary>
/// Identity's EF store, except that an id that is not a GUID (confirmEmail?userId=x) finds no user
/// instead of throwing a FormatException deep in a query.
/// </summary>
internal sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole<Guid>, AppDbContext, Guid>(context, describer)
{
    public override Guid ConvertIdFromString(string? id) => Guid.TryParse(id, out var guid) ? guid : Guid.Empty;
}

/// <summary>E-mail addresses as the database and RFC 5321 hold them: at most 254 characters.</summary>
internal sealed class EmailLengthValidator : IUserValidator<ApplicationUser>
{
    public const int MaxLength = 254;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(user.Email?.Length > MaxLength || user.UserName?.Length > MaxLength
            ? IdentityResult.Failed(manager.ErrorDescriber.InvalidEmail(user.Email))
            : IdentityResult.Success);
}
