using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in, answering an unknown e-mail, a wrong password and an unconfirmed account the
/// same way in words and in time: each costs one password hash, so neither the reply nor its delay
/// tells anyone whether an address has an account. Only the right password learns "not confirmed yet".
/// </summary>
internal sealed class AppSignInManager(
    UserManager<ApplicationUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<ApplicationUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<ApplicationUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation, IPasswordHasher<ApplicationUser> hasher)
    : SignInManager<ApplicationUser>(users, context, claims, options, logger, schemes, confirmation)
{
    // A hash of a random password, made once: verifying against it takes as long as a real check.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), DecoyHash.Value, password ?? "");
            return SignInResult.Failed;
        }
        if (!await UserManager.IsLockedOutAsync(user) && !await CanSignInAsync(user))
        {
            // Identity would refuse before looking at the password; look first, so a stranger only sees "failed".
            if (!await UserManager.CheckPasswordAsync(user, password ?? ""))
            {
                if (lockoutOnFailure)
                {
                    await UserManager.AccessFailedAsync(user);
                }
                return SignInResult.Failed;
            }
            return SignInResult.NotAllowed;
        }
        return await PasswordSignInAsync(user, password ?? "", isPersistent, lockoutOnFailure);
    }
}
