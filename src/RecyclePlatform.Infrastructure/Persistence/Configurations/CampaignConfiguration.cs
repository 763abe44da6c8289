using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>, IEntityTypeConfiguration<Team>,
    IEntityTypeConfiguration<TeamMember>, IEntityTypeConfiguration<ImpactFactorTable>, IEntityTypeConfiguration<PublicGiver>,
    IEntityTypeConfiguration<Application.Campaigns.OrganiserLogo>, IEntityTypeConfiguration<CollectionPoint>, IEntityTypeConfiguration<ImpactShareLink>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.HasKey(c => c.Id);
        campaign.Property(c => c.Id).ValueGeneratedNever();
        campaign.Property(c => c.Slug).HasMaxLength(Slug.MaxLength);
        campaign.HasIndex(c => c.Slug).IsUnique();
        campaign.ComplexProperty(c => c.Name, name => name.MapLocalizedName());
        campaign.Property(c => c.StoryEnglish).HasMaxLength(Campaign.MaxStory);
        campaign.Property(c => c.StoryChinese).HasMaxLength(Campaign.MaxStory);
        campaign.HasIndex(c => new { c.StartsOn, c.EndsOn });
        campaign.OwnsMany(c => c.Cities, city =>
        {
            city.ToTable("campaign_cities");
            city.WithOwner().HasForeignKey("CampaignId");
            city.HasKey("CampaignId", nameof(CampaignCity.CityId));
            city.HasOne<City>().WithMany().HasForeignKey(c => c.CityId).OnDelete(DeleteBehavior.Restrict);
        });
        campaign.Navigation(c => c.Cities).UsePropertyAccessMode(PropertyAccessMode.Field);
        campaign.OwnsMany(c => c.Organisers, organiser =>
        {
            organiser.ToTable("campaign_organisers");
            organiser.WithOwner().HasForeignKey("CampaignId");
            organiser.HasKey("CampaignId", nameof(CampaignOrganiser.Position));
            organiser.Property(o => o.Position).ValueGeneratedNever();
            organiser.Property(o => o.Role).HasConversion<string>().HasMaxLength(20);
            organiser.Property(o => o.NameEnglish).HasColumnName("name_en").HasMaxLength(LocalizedName.MaxLength);
            organiser.Property(o => o.NameChinese).HasColumnName("name_zh").HasMaxLength(LocalizedName.MaxLength);
            organiser.Ignore(o => o.Name);
        });
        campaign.Navigation(c => c.Organisers).UsePropertyAccessMode(PropertyAccessMode.Field);
        campaign.OwnsMany(c => c.Windows, window =>
        {
            window.ToTable("campaign_windows");
            window.WithOwner().HasForeignKey("CampaignId");
            window.HasKey("CampaignId", nameof(CampaignWindow.Position));
            window.Property(w => w.Position).ValueGeneratedNever();
        });
        campaign.Navigation(c => c.Windows).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<CollectionPoint> point)
    {
        point.HasKey(p => p.Id);
        point.Property(p => p.Id).ValueGeneratedNever();
        point.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        point.HasOne<City>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Restrict);
        point.HasOne<Domain.Slots.Slot>().WithMany().HasForeignKey(p => p.SlotId).OnDelete(DeleteBehavior.Restrict);
        point.HasIndex(p => new { p.TeamId, p.WindowStart });
        point.ComplexProperty(p => p.Address, address => address.MapPickupAddress());
    }

    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.HasKey(t => t.Id);
        team.Property(t => t.Id).ValueGeneratedNever();
        team.Property(t => t.Name).HasMaxLength(Team.MaxName);
        team.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        team.Property(t => t.JoinCode).HasMaxLength(Team.CodeLength);
        team.HasIndex(t => t.JoinCode).IsUnique();
    }

    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        // One team per donor: the key is the donor.
        member.HasKey(m => m.UserId);
        member.Property(m => m.UserId).ValueGeneratedNever();
        member.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => m.TeamId);
    }

    public void Configure(EntityTypeBuilder<Application.Campaigns.OrganiserLogo> logo)
    {
        logo.HasKey(l => new { l.CampaignId, l.Position });
        logo.Property(l => l.Sha256).HasMaxLength(64);
        logo.Property(l => l.ContentType).HasMaxLength(40);
        logo.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PublicGiver> giver)
    {
        giver.HasKey(g => g.UserId);
        giver.Property(g => g.UserId).ValueGeneratedNever();
        giver.Property(g => g.DisplayName).HasMaxLength(PublicGiver.MaxName);
    }

    public void Configure(EntityTypeBuilder<ImpactShareLink> link)
    {
        // One link per donor: the key is the donor. The token is looked up by anyone who holds the link.
        link.HasKey(l => l.UserId);
        link.Property(l => l.UserId).ValueGeneratedNever();
        link.Property(l => l.Token).HasMaxLength(ImpactShareLink.TokenLength);
        link.HasIndex(l => l.Token).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ImpactFactorTable> table)
    {
        table.HasKey(t => t.Version);
        table.Property(t => t.Version).ValueGeneratedNever();
        table.Property(t => t.Sha256).HasMaxLength(64);
        table.OwnsMany(t => t.Factors, factor =>
        {
            factor.ToTable("impact_factors");
            factor.WithOwner().HasForeignKey("TableVersion");
            factor.HasKey("TableVersion", nameof(ImpactFactor.Stream), nameof(ImpactFactor.Measure));
            factor.Property(f => f.Stream).HasConversion<string>().HasMaxLength(20);
            factor.Property(f => f.Measure).HasConversion<string>().HasMaxLength(20);
            factor.Property(f => f.Source).HasMaxLength(ImpactFactor.MaxSource);
            factor.Ignore(f => f.Unit);
        });
        table.Navigation(t => t.Factors).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
