using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

/// <summary>
/// At the door: scan or type each bag's label, count and weigh, or say why it could not be collected.
/// A refused form comes back on this page with its error and everything the courier typed.
/// </summary>
public sealed class StopModel(CourierStops stops,
    IStringLocalizer<SharedResource> localizer, TimeProvider time) : PageModel, IFormPage
{
    public StopDto Stop { get; private set; } = null!;

    /// <summary>One idempotency key per form shown, so a resubmitted form is recorded once.</summary>
    public Guid CollectKey { get; } = Guid.NewGuid();

    public Guid FailKey { get; } = Guid.NewGuid();

    /// <summary>What the courier typed, shown again when the form is refused.</summary>
    public IReadOnlyList<string> Labels { get; private set; } = [];

    public int? Bags { get; private set; }

    public decimal? WeightKg { get; private set; }

    public string? CollectNote { get; private set; }

    public bool ConfirmDay { get; private set; }

    public FailureReason? Reason { get; private set; }

    public string? FailNote { get; private set; }

    public string? CollectError { get; private set; }

    public string? FailError { get; private set; }

    /// <summary>The stop's day in its city: where "back" and every action return to.</summary>
    public DateOnly Day => DateOnly.FromDateTime(CityClock.Local(Stop.WindowStart, Stop.TimeZone).DateTime);

    /// <summary>Today in the stop's city.</summary>
    public DateOnly Today => CityClock.Today(Stop.TimeZone, time.GetUtcNow());

    /// <summary>Collecting on another day than the donor booked needs the courier's say-so first.</summary>
    public bool OtherDay => Day != Today;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(string reference, CancellationToken ct) => Stop = await stops.GetAsync(reference, ct);

    public async Task<IActionResult> OnPostCollectAsync(string reference, long version, string key, List<string>? labels, int? bags,
        decimal? weightKg, string? note, IFormFile? photo, bool confirmDay, DateOnly? day,
        [FromServices] RecordPickupEventHandler events, [FromServices] AttachPickupPhotoHandler photos, CancellationToken ct)
    {
        var scanned = (labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Stop = await stops.GetAsync(reference, ct);
        (Labels, Bags, WeightKg, CollectNote, ConfirmDay) = (labels ?? [], bags, weightKg, note, confirmDay);
        if (OtherDay && !confirmDay)
        {
            CollectError = localizer["Stop.ConfirmDayRequired", DisplayFormats.Day(Day)];
            return Page();
        }
        var command = new RecordPickupEventCommand { Type = PickupEventType.PickedUp, Labels = scanned, Bags = bags, WeightKg = weightKg, Note = note };
        if (photo is { Length: > 0 })
        {
            if (photo.Length > PickupPhoto.MaxBytes)
            {
                throw new DomainRuleException(Rules.Photo.TooLarge);
            }
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer, ct);
            command.PhotoSha256 = await photos.HandleAsync(reference, buffer.ToArray(), ct);
        }
        await events.HandleAsync(reference, command, key, version, ct);
        StatusMessage = localizer["Stop.CollectedDone"];
        return RedirectToPage("/Index", new { day = IndexModel.DayRoute(day) });
    }

    public async Task<IActionResult> OnPostFailAsync(string reference, long version, string key, FailureReason? reason, string? note, DateOnly? day,
        [FromServices] RecordPickupEventHandler events, CancellationToken ct)
    {
        (Reason, FailNote) = (reason, note);
        var command = new RecordPickupEventCommand { Type = PickupEventType.Failed, Reason = reason, Note = note };
        await events.HandleAsync(reference, command, key, version, ct);
        StatusMessage = localizer["Stop.NotCollectedDone"];
        return RedirectToPage("/Index", new { day = IndexModel.DayRoute(day) });
    }

    /// <summary>
    /// A refused collection or failure comes back with its error beside the form that was sent, and the
    /// pickup as it is now (it may have moved on meanwhile: another tap, the dispatcher).
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        var errors = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct());
        if (string.Equals(Request.Query["handler"], "Fail", StringComparison.OrdinalIgnoreCase))
        {
            FailError = errors;
        }
        else
        {
            CollectError = errors;
        }
        Stop = await stops.GetAsync((string)RouteData.Values["reference"]!, ct);
    }
}
