using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Hosting;

/// <summary>
/// A page that shows a form again after a refused post, with each error beside its field. The filter calls
/// <see cref="ReloadAsync"/> to fetch what the page shows besides the form before it renders the page again.
/// </summary>
public interface IFormPage
{
    Task ReloadAsync(CancellationToken ct);
}

/// <summary>
/// The one way a page shows what a use case refused (ContosoUniversity's ValidatorPageFilter is the model). Page
/// handlers just call the handler: when it throws a validation failure, a broken rule or a stale version, this
/// filter says so in the person's language.
/// <list type="bullet">
/// <item>A form page (<see cref="IFormPage"/>) renders again, each error under its field's name in ModelState
/// (<c>Input.</c> + the property path when the page binds an <c>Input</c>), errors of no field in the summary;
/// a refused button on one of its rows (remove, deactivate) shows in that summary too.</item>
/// <item>Any other page (buttons that act on a row) redirects to itself, as a success would, with the refusal
/// kept for the next page (<see cref="PageActions.ErrorKey"/>), so a refused tap is explained and never looks done.</item>
/// </list>
/// Anything else (not found, a fault) goes on to the error page as before.
/// </summary>
internal sealed class UseCaseErrorsPageFilter(IStringLocalizer<SharedResource> localizer) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is IFormPage and PageModel before && IsPost(context) && !FormatErrorsOnly(before).IsValid)
        {
            // The browser sent a field that is not a number, date or time: said so, rather than taken as a default.
            TranslateBindingErrors(before);
            await ((IFormPage)before).ReloadAsync(context.HttpContext.RequestAborted);
            context.Result = before.Page();
            return;
        }

        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled || context.HandlerInstance is not PageModel page
            || Errors(executed.Exception, page) is not { Count: > 0 } errors)
        {
            return;
        }
        executed.ExceptionHandled = true;
        if (page is IFormPage form)
        {
            foreach (var (field, message) in errors)
            {
                page.ModelState.AddModelError(field, message);
            }
            await form.ReloadAsync(context.HttpContext.RequestAborted);
            executed.Result = page.Page();
        }
        else
        {
            page.TempData[PageActions.ErrorKey] = string.Join(" ", errors.Select(e => e.Message).Distinct());
            executed.Result = new RedirectToPageResult(null, SamePageValues(context));
        }
    }

    /// <summary>Each error as (ModelState key, message).</summary>
    private List<(string Field, string Message)>? Errors(Exception exception, PageModel page) => exception switch
    {
        ValidationException invalid => [.. invalid.Errors.Select(e => (Key(page, e.PropertyName), ErrorMessages.For(localizer, e.ErrorCode, e.ErrorMessage)))],
        DomainRuleException rule => [(Key(page, rule.Rule.Field), ErrorMessages.For(localizer, rule))],
        StaleVersionException or DbUpdateConcurrencyException => [("", ErrorMessages.For(localizer, Rules.Concurrency.Conflict))],
        _ => null,
    };

    /// <summary>
    /// Where an error shows. Pages bind their command as <c>Input</c> (keys <c>Input.</c> + the property path) or bind its
    /// fields directly (the path as it is). An error about a field the page's <c>Input</c> does not have, such as the
    /// invitation's address on the partners page, goes to the summary rather than being lost.
    /// </summary>
    private static string Key(PageModel page, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }
        var input = page.GetType().GetProperty("Input", BindingFlags.Public | BindingFlags.Instance);
        if (input?.GetCustomAttribute<BindPropertyAttribute>() is null)
        {
            return field;
        }
        return input.PropertyType.GetProperty(field.Split('.', '[')[0], BindingFlags.Public | BindingFlags.Instance) is null ? "" : "Input." + field;
    }

    /// <summary>
    /// Binding errors of fields left empty are dropped: "required" is the validator's to say, with its code (an
    /// empty choice of district is "choose a district", not "not a valid value"). What remains is text that is
    /// not a number, date or time.
    /// </summary>
    private static ModelStateDictionary FormatErrorsOnly(PageModel page)
    {
        foreach (var key in page.ModelState.Where(e => e.Value is { Errors.Count: > 0 } && string.IsNullOrEmpty(e.Value.AttemptedValue))
                     .Select(e => e.Key).ToList())
        {
            page.ModelState.Remove(key);
        }
        return page.ModelState;
    }

    private void TranslateBindingErrors(PageModel page)
    {
        foreach (var entry in page.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList())
        {
            entry.Value!.Errors.Clear();
            page.ModelState.AddModelError(entry.Key, ErrorMessages.For(localizer, Rules.Input.Format));
        }
    }

    /// <summary>The values the page's GET takes (a city, a day), from what the refused post carried.</summary>
    private static RouteValueDictionary SamePageValues(PageHandlerExecutingContext context)
    {
        var values = new RouteValueDictionary();
        var get = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is null);
        foreach (var parameter in get?.Parameters ?? [])
        {
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                continue;
            }
            var value = context.HandlerArguments.TryGetValue(parameter.Name, out var argument) ? argument : null;
            if (value is null && context.RouteData.Values.TryGetValue(parameter.Name, out var routeValue))
            {
                value = routeValue;
            }
            if (value is not null)
            {
                values[parameter.Name] = value is DateOnly day ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value;
            }
        }
        return values;
    }

    private static bool IsPost(PageHandlerExecutingContext context) => HttpMethods.IsPost(context.HttpContext.Request.Method);
}
