using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Web.Areas.Courier.Pages;

/// <summary>At the door: scan or type each bag's label, count and weigh, or say why it could not be collected.</summary>
public sealed class StopModel(CourierStops stops, RecordPickupEventHandler events, AttachPickupPhotoHandler photos,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public StopDto Stop { get; private set; } = null!;

    /// <summary>One idempotency key per form shown, so a resubmitted form is recorded once.</summary>
    public Guid CollectKey { get; } = Guid.NewGuid();

    public Guid FailKey { get; } = Guid.NewGuid();

    public IReadOnlyList<string> Labels { get; private set; } = [];

    /// <summary>The stop's day in its city: where "back" and every action return to.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Application.Common.CityClock.Local(Stop.WindowStart, Stop.TimeZone).DateTime);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(string reference, CancellationToken ct) => Stop = await stops.GetAsync(reference, ct);

    public async Task<IActionResult> OnPostCollectAsync(string reference, long version, string key, List<string>? labels, int? bags,
        decimal? weightKg, string? note, IFormFile? photo, DateOnly? day, CancellationToken ct)
    {
        var scanned = (labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var command = new RecordPickupEventCommand { Type = PickupEventType.PickedUp, Labels = scanned, Bags = bags, WeightKg = weightKg, Note = note };
        var (done, message) = await PageActions.RunAsync(localizer, async () =>
        {
            if (photo is { Length: > 0 })
            {
                if (photo.Length > PickupPhoto.MaxBytes)
                {
                    throw new Domain.Common.DomainRuleException("photo.too_large");
                }
                using var buffer = new MemoryStream();
                await photo.CopyToAsync(buffer, ct);
                command.PhotoSha256 = await photos.HandleAsync(reference, buffer.ToArray(), ct);
            }
            await events.HandleAsync(reference, command, key, version, ct);
            return localizer["Stop.CollectedDone"];
        });
        if (done)
        {
            StatusMessage = message;
            return RedirectToPage("/Index", new { day = IndexModel.DayRoute(day) });
        }
        ModelState.AddModelError("", message);
        Stop = await stops.GetAsync(reference, ct);
        Labels = scanned;
        return Page();
    }

    public async Task<IActionResult> OnPostFailAsync(string reference, long version, string key, FailureReason? reason, string? note, DateOnly? day,
        CancellationToken ct)
    {
        var command = new RecordPickupEventCommand { Type = PickupEventType.Failed, Reason = reason, Note = note };
        (_, StatusMessage) = await PageActions.RunAsync(localizer, async () =>
        {
            await events.HandleAsync(reference, command, key, version, ct);
            return localizer["Stop.NotCollectedDone"];
        });
        return RedirectToPage("/Index", new { day = IndexModel.DayRoute(day) });
    }
}
