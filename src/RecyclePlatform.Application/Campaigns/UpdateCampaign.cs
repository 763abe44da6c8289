using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>
/// An administrator edits a campaign from the version they saw. Pickups already booked keep counting
/// for what they counted for at booking (the ledger already says so for those collected).
/// </summary>
public sealed class UpdateCampaignHandler(IAppDbContext db, IValidator<CampaignInput> validator)
{
    public async Task<Campaign> HandleAsync(string slug, CampaignInput input, long? expectedVersion, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Slug == slug, ct) ?? throw new NotFoundException("campaign", slug);
        VersionGuard.EnsureCurrent("campaign", campaign, "", expectedVersion);
        campaign.Update(input.ToDetails());
        await CampaignInputValidator.RequireFitsCitiesAsync(db, campaign, ct);
        await VersionGuard.SaveOrReportStaleAsync(db, campaign, "campaign", nameof(Campaign.Slug), ct);
        Slots.CampaignWindowsCache.Changed(); // its windows are listed from this node's next read on
        return campaign;
    }
}
