using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Application.Campaigns;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.Web.Areas.Admin.Pages;

/// <summary>
/// Campaigns: the list, and one form that starts a new campaign or edits the one chosen (<c>?edit=slug</c>),
/// so a refused save shows each error beside its field whichever it was.
/// </summary>
public sealed class CampaignsModel(ImpactQueries impact, CityQueries cities, IStringLocalizer<SharedResource> localizer) : PageModel, IFormPage
{
    /// <summary>Rows offered for organisers and partners; empty rows are left out when saving.</summary>
    public const int OrganiserRows = 4;

    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];
    public IReadOnlyList<CityDto> Cities { get; private set; } = [];

    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    /// <summary>The campaign being edited, or null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public string? Editing { get; set; }

    [BindProperty]
    public long? Version { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        if (Editing is not null)
        {
            if (Campaigns.FirstOrDefault(c => c.Campaign.Slug == Editing)?.Campaign is not { } campaign)
            {
                return NotFound();
            }
            Version = campaign.Version;
            Input = new CampaignInput
            {
                Slug = campaign.Slug,
                NameEn = campaign.Name.English,
                NameZh = campaign.Name.Chinese,
                StoryEn = campaign.StoryEnglish,
                StoryZh = campaign.StoryChinese,
                StartsOn = campaign.StartsOn,
                EndsOn = campaign.EndsOn,
                GoalKg = campaign.GoalKg,
                CityIds = [.. campaign.Cities.Select(c => c.CityId)],
                Organisers = [.. campaign.Organisers.OrderBy(o => o.Position)
                    .Select(o => new OrganiserInput { Role = o.Role, NameEn = o.NameEnglish, NameZh = o.NameChinese })],
                Windows = [.. campaign.Windows.OrderBy(w => w.Position).Select(w => new WindowInput { Starts = Time(w.Starts), Ends = Time(w.Ends) })],
            };
        }
        return Page();
    }

    /// <summary>Uploads one organiser's logo (the file is read up to one byte past the limit).</summary>
    public async Task<IActionResult> OnPostLogoAsync(int position, IFormFile? logo, [FromServices] UploadOrganiserLogoHandler upload, CancellationToken ct)
    {
        byte[] content = [];
        if (logo is not null)
        {
            await using var stream = logo.OpenReadStream();
            content = await Api.Http.ReadBoundedAsync(stream, logo.Length, OrganiserLogo.MaxBytes, Domain.Common.Rules.Campaign.LogoTooLarge, ct);
        }
        await upload.HandleAsync(Editing ?? "", position, content, ct);
        StatusMessage = localizer["AdminCampaigns.LogoSaved"];
        return RedirectToPage(new { edit = Editing });
    }

    public async Task<IActionResult> OnPostSaveAsync([FromServices] CreateCampaignHandler create, [FromServices] UpdateCampaignHandler update, CancellationToken ct)
    {
        // A row left blank is no organiser; a row half filled in is kept, so its missing name is pointed out.
        Input.Organisers = [.. Input.Organisers.Where(o => !string.IsNullOrWhiteSpace(o.NameEn) || !string.IsNullOrWhiteSpace(o.NameZh))];
        Input.Windows = [.. Input.Windows.Where(w => !string.IsNullOrWhiteSpace(w.Starts) || !string.IsNullOrWhiteSpace(w.Ends))];
        Campaign saved;
        if (Editing is null)
        {
            saved = await create.HandleAsync(Input, ct);
            StatusMessage = localizer["AdminCampaigns.Created", saved.Name.English];
        }
        else
        {
            saved = await update.HandleAsync(Editing, Input, Version, ct);
            StatusMessage = localizer["AdminCampaigns.Saved", saved.Name.English];
        }
        return RedirectToPage(new { edit = (string?)null });
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Campaigns = await impact.CampaignsAsync(ct);
        Cities = await cities.ListAsync(ct);
    }

    /// <summary>The window rows to show: those given, then blank ones up to the most a campaign may have.</summary>
    public IReadOnlyList<WindowInput> WindowRows() =>
        [.. Input.Windows, .. Enumerable.Range(0, Math.Max(0, Campaign.MaxWindows - Input.Windows.Count)).Select(_ => new WindowInput())];

    private static string Time(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The organiser rows to show: those given, then blank ones up to <see cref="OrganiserRows"/>.</summary>
    public IReadOnlyList<OrganiserInput> Rows() =>
        [.. Input.Organisers, .. Enumerable.Range(0, Math.Max(0, OrganiserRows - Input.Organisers.Count)).Select(_ => new OrganiserInput())];
}
