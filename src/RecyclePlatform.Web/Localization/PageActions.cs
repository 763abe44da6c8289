using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecyclePlatform.Web;

/// <summary>What pages say about a refused action; <see cref="Hosting.UseCaseErrorsPageFilter"/> says most of it.</summary>
internal static class PageActions
{
    /// <summary>Where a refusal waits for the next page: shown as an error by _StatusMessage, never as a success.</summary>
    public const string ErrorKey = "ErrorMessage";

    /// <summary>The first error of one field (its ModelState key, such as <c>Input.Email</c>), or null.</summary>
    public static string? FieldError(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>A refusal said on the page a redirect leads to, as an error (a refusal in a green "done" banner reads as done).</summary>
    public static void Refuse(this PageModel page, string message) => page.TempData[ErrorKey] = message;
}
