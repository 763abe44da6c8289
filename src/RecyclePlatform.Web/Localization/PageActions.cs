using FluentValidation;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web;

/// <summary>Runs a staff action posted from a page and says in words what happened, so a refused tap is explained.</summary>
internal static class PageActions
{
    /// <param name="action">Does the work and returns what to tell the person when it succeeded.</param>
    public static async Task<(bool Done, string Message)> RunAsync(IStringLocalizer localizer, Func<Task<string>> action)
    {
        try
        {
            return (true, await action());
        }
        catch (ValidationException invalid)
        {
            return (false, string.Join(" ", invalid.Errors.Select(e => ErrorMessages.For(localizer, e.ErrorCode, e.ErrorMessage)).Distinct()));
        }
        catch (DomainRuleException rule)
        {
            return (false, ErrorMessages.For(localizer, rule.Code));
        }
        catch (Exception ex) when (ex is StaleVersionException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return (false, ErrorMessages.For(localizer, ErrorMessages.ConcurrencyConflict));
        }
    }
}
