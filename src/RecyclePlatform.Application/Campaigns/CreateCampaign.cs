using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>An administrator starts a campaign: from its first day, pickups booked in its cities count for it.</summary>
public sealed class CreateCampaignHandler(IAppDbContext db, IValidator<CampaignInput> validator, TimeProvider time)
{
    public async Task<Campaign> HandleAsync(CampaignInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var campaign = Campaign.Create(input.Slug ?? "", input.ToDetails(), time.GetUtcNow());
        await CampaignInputValidator.RequireFitsCitiesAsync(db, campaign, ct);
        // The slug's unique key decides, also between two administrators at the same moment.
        if (!await db.TryInsertAsync([campaign], ct))
        {
            throw new DomainRuleException(Rules.Campaign.SlugTaken);
        }
        Slots.CampaignWindowsCache.Changed(); // its windows are listed from this node's next read on
        return campaign;
    }
}
