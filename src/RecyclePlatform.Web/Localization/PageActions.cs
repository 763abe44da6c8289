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
            return (false, ErrorMessages.For(localizer, rule));
        }
        catch (Exception ex) when (ex is StaleVersionException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return (false, ErrorMessages.For(localizer, ErrorMessages.ConcurrencyConflict));
        }
    }

    /// <summary>Where a refusal waits for the next page: shown as an error by _StatusMessage, never as a success.</summary>
    public const string ErrorKey = "ErrorMessage";

    /// <summary>
    /// An action's outcome said on the page a redirect leads to: returns the success message for the page's
    /// StatusMessage, and keeps a refusal apart as an error (a refused action shown in a green "done" banner
    /// reads as done).
    /// </summary>
    public static string? Report(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, (bool Done, string Message) outcome)
    {
        if (!outcome.Done)
        {
            page.TempData[ErrorKey] = outcome.Message;
        }
        return outcome.Done ? outcome.Message : null;
    }

    /// <summary>A refused form's errors by field (the input's property names), in the person's language; the first per field.</summary>
    public static void AddFieldErrors(this Dictionary<string, string> errors, IStringLocalizer localizer, ValidationException invalid)
    {
        foreach (var error in invalid.Errors)
        {
            errors.TryAdd(error.PropertyName, ErrorMessages.For(localizer, error.ErrorCode, error.ErrorMessage));
        }
    }

    /// <summary>Fields the browser sent that are not a number, date or time: said so, rather than silently taken as a default.</summary>
    public static void AddFormatErrors(this Dictionary<string, string> errors, IStringLocalizer localizer,
        Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix = "Input.")
    {
        foreach (var key in state.Where(m => m.Value is { Errors.Count: > 0 } && m.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(m => m.Key))
        {
            errors.TryAdd(key[prefix.Length..], localizer["Error.input.format"]);
        }
    }
}
