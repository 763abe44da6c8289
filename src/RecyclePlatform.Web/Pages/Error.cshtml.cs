using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RecyclePlatform.Web.Pages;

/// <summary>The friendly page for an exception (500) or a status code such as 404, re-executed by the pipeline.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string RequestId { get; private set; } = "";

    public void OnGet(int? statusCode) => Describe(statusCode);

    // An exception in a POST handler is re-executed as a POST.
    public void OnPost(int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        // Re-executed after an exception, the status comes from the exception handler's selector (404 or 500).
        var code = statusCode ?? (Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        RequestId = HttpContext.TraceIdentifier;
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => (localizer["Error.NotFoundTitle"], localizer["Error.NotFoundText"]),
            StatusCodes.Status403Forbidden => (localizer["Error.ForbiddenTitle"], localizer["Error.ForbiddenText"]),
            StatusCodes.Status400BadRequest => (localizer["Error.BadRequestTitle"], localizer["Error.BadRequestText"]),
            StatusCodes.Status429TooManyRequests => (localizer["Problem.TooManyRequests"], localizer["Error.rate_limited"]),
            StatusCodes.Status503ServiceUnavailable => (localizer["Error.ServerTitle"], localizer["Problem.Unavailable"]),
            _ when code >= 500 => (localizer["Error.ServerTitle"], localizer["Error.ServerText"]),
            _ => (localizer["Error.OtherTitle"], localizer["Error.OtherText", code]),
        };
        if (statusCode is not null)
        {
            Response.StatusCode = code;
        }
        if (code == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }
    }
}
