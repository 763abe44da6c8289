using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>An organiser's or partner's logo on a campaign's page, as an administrator uploaded it (decoded and re-encoded).</summary>
public sealed class OrganiserLogo
{
    public const int MaxBytes = 1024 * 1024;

    public Guid CampaignId { get; set; }

    /// <summary>The organiser's place in the campaign's list (<see cref="CampaignOrganiser.Position"/>).</summary>
    public int Position { get; set; }

    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>
/// An administrator gives one of a campaign's organisers or partners a logo (PNG, JPEG or WebP, at most
/// 1 MB), replacing any earlier one. The image is decoded and encoded again, so nothing but the picture is kept.
/// </summary>
public sealed class UploadOrganiserLogoHandler(IAppDbContext db, IImageSanitizer images, TimeProvider time)
{
    /// <returns>The stored logo's SHA-256, which its address carries so browsers may keep it for good.</returns>
    public async Task<string> HandleAsync(string slug, int position, byte[] content, CancellationToken ct)
    {
        if (content.Length > OrganiserLogo.MaxBytes)
        {
            throw new DomainRuleException(Rules.Campaign.LogoTooLarge);
        }
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, ct) ?? throw new NotFoundException("campaign", slug);
        if (campaign.Organisers.All(o => o.Position != position))
        {
            throw new NotFoundException("organiser", position);
        }
        if (content.Length == 0 || images.Clean(content) is not { } image)
        {
            throw new DomainRuleException(Rules.Campaign.LogoNotAnImage);
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(image.Content));
        var logo = new OrganiserLogo
        {
            CampaignId = campaign.Id, Position = position, Sha256 = sha, ContentType = image.ContentType, Content = image.Content, UploadedAt = time.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The newest upload replaces the logo; one that another upload beat by a moment replaces that one in turn.
        do
        {
            await db.OrganiserLogos.Where(l => l.CampaignId == campaign.Id && l.Position == position).ExecuteDeleteAsync(ct);
        }
        while (!await db.TryInsertAsync([logo], ct));
        await transaction.CommitAsync(ct);
        return sha;
    }
}
