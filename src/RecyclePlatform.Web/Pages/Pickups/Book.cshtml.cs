using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Pages.Pickups;

/// <summary>
/// Booking in three steps (where, when, what) that work without JavaScript: each step posts
/// the earlier answers back as hidden fields. <see cref="BookingKey"/> is the idempotency key,
/// so a double click or a resubmitted form never books twice.
/// </summary>
[BookingRateLimit(PageHandler = "Book")]
public sealed class BookModel(
    CityQueries cities, SlotQueries slots, IValidator<AddressInput> addressValidator,
    PickupQueries pickups, ImpactQueries impact, ICurrentUser user, IStringLocalizer<SharedResource> localizer, TimeProvider time) : PageModel, IFormPage
{
    [BindProperty]
    public BookPickupCommand Input { get; set; } = new() { Bags = 1 };

    [BindProperty]
    public Guid BookingKey { get; set; }

    public int Step { get; private set; } = 1;
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];
    public CityDto? City { get; private set; }
    public SlotListDto? Slots { get; private set; }
    public IReadOnlyList<CharityOptionDto> Charities { get; private set; } = [];

    /// <summary>Campaigns running in the chosen city today; the booking counts for the one chosen (by default the first, as the handler does).</summary>
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    /// <summary>The names of the campaigns whose own windows are listed (a booking in one counts for it).</summary>
    public IReadOnlyDictionary<Guid, Domain.Common.LocalizedName> WindowCampaigns { get; private set; } = new Dictionary<Guid, Domain.Common.LocalizedName>();

    /// <param name="again">A pickup of the donor's to book again (after a failed collection): its address and items are filled in.</param>
    public async Task OnGetAsync(string? again, CancellationToken ct)
    {
        BookingKey = Guid.NewGuid();
        Cities = await cities.ListAsync(ct);
        if (!string.IsNullOrEmpty(again))
        {
            var earlier = await pickups.GetMineAsync(user.Id!.Value, again, ct);
            Input = new BookPickupCommand
            {
                Address = earlier.Address,
                Categories = [.. earlier.Categories],
                Bags = earlier.Bags,
                Weight = earlier.Weight,
                Condition = earlier.Condition,
            };
        }
    }

    /// <summary>Step 1 done: the address is complete and in a served district.</summary>
    public async Task<IActionResult> OnPostAddressAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // The address alone, named as the command names it (Address.Street), so its errors stand beside its fields.
        var address = new ValidationContext<AddressInput>(Input.Address, new FluentValidation.Internal.PropertyChain([nameof(Input.Address)]),
            ValidatorOptions.Global.ValidatorSelectors.DefaultValidatorSelectorFactory());
        if (await addressValidator.ValidateAsync(address, ct) is { IsValid: false } refused)
        {
            throw new ValidationException(refused.Errors);
        }
        Cities = await cities.ListAsync(ct);
        await ShowWindowsAsync(ct);
        return Page();
    }

    /// <summary>Step 2 done: a window is chosen.</summary>
    public async Task<IActionResult> OnPostWindowAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Cities = await cities.ListAsync(ct);
        if (Input.SlotId == Guid.Empty)
        {
            ModelState.AddModelError("Input.SlotId", ErrorMessages.For(localizer, Rules.Pickup.SlotRequired));
            await ShowWindowsAsync(ct);
        }
        else
        {
            await ShowItemsAsync(ct);
        }
        return Page();
    }

    /// <summary>Step 3: book.</summary>
    public async Task<IActionResult> OnPostBookAsync([FromServices] BookPickupHandler book, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var booked = await book.HandleAsync(Input, BookingKey.ToString(), ct);
            return RedirectToPage("/Pickups/Details", new { reference = PickupReference.Format(booked.Reference), booked = true });
        }
        catch (NotFoundException)
        {
            // Not a fault here: the chosen window went away while the donor filled in step 3; they choose another.
            ModelState.AddModelError("Input.SlotId", ErrorMessages.For(localizer, Rules.Pickup.SlotRequired));
            await ReloadAsync(ct);
            return Page();
        }
    }

    /// <summary>
    /// A refused step comes back where its error is: the address (step 1), the window (step 2: a full or
    /// closed window is chosen again), else the items (step 3).
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        Cities = await cities.ListAsync(ct);
        if (ModelState.Any(e => e.Key.StartsWith("Input.Address", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }))
        {
            Step = 1;
        }
        else if (ModelState.FieldError("Input.SlotId") is not null)
        {
            Input.SlotId = Guid.Empty;
            await ShowWindowsAsync(ct);
        }
        else
        {
            await ShowItemsAsync(ct);
        }
    }

    /// <summary>Back to an earlier step, keeping every answer.</summary>
    public async Task<IActionResult> OnPostBackAsync(int to, CancellationToken ct)
    {
        ModelState.Clear();
        Cities = await cities.ListAsync(ct);
        if (to == 2)
        {
            await ShowWindowsAsync(ct);
        }
        return Page();
    }

    private async Task ShowWindowsAsync(CancellationToken ct)
    {
        City = Cities.FirstOrDefault(c => c.Districts.Any(d => d.Id == Input.Address.DistrictId));
        if (City is null)
        {
            ModelState.AddModelError("Input.Address.DistrictId", ErrorMessages.For(localizer, Rules.Address.DistrictRequired));
            Step = 1;
            return;
        }
        Step = 2;
        Slots = await slots.ListAsync(Input.Address.DistrictId, null, null, ct);
        WindowCampaigns = await impact.CampaignNamesAsync([.. Slots.Slots.Select(s => s.CampaignId)], ct);
    }

    private async Task ShowItemsAsync(CancellationToken ct)
    {
        City = Cities.FirstOrDefault(c => c.Districts.Any(d => d.Id == Input.Address.DistrictId));
        if (City is null)
        {
            Step = 1;
            return;
        }
        Step = 3;
        Slots = await slots.ListAsync(Input.Address.DistrictId, null, null, ct);
        WindowCampaigns = await impact.CampaignNamesAsync([.. Slots.Slots.Select(s => s.CampaignId)], ct);
        Charities = await cities.CharitiesServingAsync(City.Id, ct);
        var today = CityClock.Today(City.TimeZone, time.GetUtcNow());
        Campaigns = await impact.RunningAsync(City.Id, today, ct);
    }

    /// <summary>Nothing is free in the chosen district: step 2 offers nearby districts instead.</summary>
    public bool ChoosingNearby => Step == 2 && Slots is { NextOpenDate: null, Nearby.Count: > 0 };

    public SlotDto? ChosenSlot => Slots?.Slots.FirstOrDefault(s => s.Id == Input.SlotId);

    public DistrictDto? ChosenDistrict => City?.Districts.FirstOrDefault(d => d.Id == Input.Address.DistrictId);
}
