using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Web.Pages.Account;

internal static class AccountNavigation
{
    /// <summary>Where a user lands after signing in without a return address: their role's workspace.</summary>
    public static string HomeFor(IList<string> roles) =>
        roles.Contains(Roles.Admin) ? "/Admin"
        : roles.Contains(Roles.Dispatcher) ? "/Dispatch"
        : roles.Contains(Roles.Courier) ? "/Courier"
        : roles.Contains(Roles.HubOperator) ? "/Hub"
        : roles.Contains(Roles.CharityStaff) ? "/Charity"
        : "/";

    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl, string fallback) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? Escaped(returnUrl) : fallback;

    /// <summary>
    /// A local URL with anything outside ASCII percent-encoded: a Location header may hold only
    /// ASCII, and "/Pickups/中文" or "/¿" would otherwise fail the redirect after the work was done.
    /// </summary>
    public static string Escaped(string localUrl)
    {
        var uri = new Uri(new Uri("http://local"), localUrl);
        return uri.PathAndQuery + uri.Fragment;
    }

    /// <summary>Puts each Identity error next to the field it is about.</summary>
    public static void AddErrors(ModelStateDictionary modelState, IdentityResult result, string passwordField)
    {
        foreach (var error in result.Errors.DistinctBy(e => e.Description))
        {
            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "Input.Email",
                nameof(IdentityErrorDescriber.PasswordMismatch) => "Input.CurrentPassword",
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                _ => "",
            };
            modelState.AddModelError(field, error.Description);
        }
    }
}
