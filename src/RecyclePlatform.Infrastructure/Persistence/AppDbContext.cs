using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// One model for both databases. Each provider has a small subclass so that its migrations
/// live in a folder of their own (<see cref="PostgresAppDbContext"/>, <see cref="SqliteAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IPublicReadDbContext, IDataProtectionKeyContext
{
    public DbSet<City> Cities => Set<City>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Hub> Hubs => Set<Hub>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Courier> Couriers => Set<Courier>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Domain.Dispatch.Shift> Shifts => Set<Domain.Dispatch.Shift>();
    public DbSet<Domain.Dispatch.DispatchRun> DispatchRuns => Set<Domain.Dispatch.DispatchRun>();
    public DbSet<Pickup> Pickups => Set<Pickup>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Application.Pickups.PickupPhoto> PickupPhotos => Set<Application.Pickups.PickupPhoto>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Distribution> Distributions => Set<Distribution>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Domain.Ledger.LedgerCorrection> LedgerCorrections => Set<Domain.Ledger.LedgerCorrection>();
    public DbSet<LedgerOutboxItem> LedgerOutbox => Set<LedgerOutboxItem>();
    public DbSet<LedgerEntryRecord> LedgerEntries => Set<LedgerEntryRecord>();
    public DbSet<LedgerNodeRecord> LedgerNodes => Set<LedgerNodeRecord>();
    public DbSet<LedgerMentionRecord> LedgerMentions => Set<LedgerMentionRecord>();
    public DbSet<LedgerCheckpointRecord> LedgerCheckpoints => Set<LedgerCheckpointRecord>();
    public DbSet<LedgerCosignatureRecord> LedgerCosignatures => Set<LedgerCosignatureRecord>();
    public DbSet<LedgerTileRecord> LedgerTiles => Set<LedgerTileRecord>();
    public DbSet<DonorLedgerSalt> DonorLedgerSalts => Set<DonorLedgerSalt>();
    public DbSet<LedgerAuditRun> LedgerAuditRuns => Set<LedgerAuditRun>();
    public DbSet<Domain.Campaigns.Campaign> Campaigns => Set<Domain.Campaigns.Campaign>();
    public DbSet<Domain.Campaigns.Team> Teams => Set<Domain.Campaigns.Team>();
    public DbSet<Domain.Campaigns.CollectionPoint> CollectionPoints => Set<Domain.Campaigns.CollectionPoint>();
    public DbSet<Domain.Campaigns.TeamMember> TeamMembers => Set<Domain.Campaigns.TeamMember>();
    public DbSet<Domain.Campaigns.PublicGiver> PublicGivers => Set<Domain.Campaigns.PublicGiver>();
    public DbSet<Application.Campaigns.OrganiserLogo> OrganiserLogos => Set<Application.Campaigns.OrganiserLogo>();
    public DbSet<Domain.Impact.ImpactShareLink> ImpactShareLinks => Set<Domain.Impact.ImpactShareLink>();
    public DbSet<Domain.Impact.ImpactFactorTable> ImpactFactorTables => Set<Domain.Impact.ImpactFactorTable>();

    /// <summary>Shared by every web node so that cookies and antiforgery tokens survive a restart or a node switch.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        IdentityModel.Configure(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // An app-managed version behaves the same on PostgreSQL and SQLite, unlike xmin or rowversion.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
        // Unrecorded facts live in memory only; CustodyRecorder turns them into rows.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(Domain.Custody.IRecordsCustody).IsAssignableFrom(e.ClrType)).ToList())
        {
            builder.Entity(entity.ClrType).Ignore(nameof(Domain.Custody.IRecordsCustody.CustodyFacts));
        }
    }



    /// <summary>The PostgreSQL channel on which a node says it changed a city or district (<see cref="ReferenceDataCache"/>).</summary>
    public const string ReferenceDataChannel = "recycle_reference_data";

    /// <summary>The PostgreSQL channel on which a node says an account's security stamp changed (<see cref="SessionStampCache"/>).</summary>
    public const string SessionStampChannel = "recycle_session_stamps";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var (changes, detecting) = PrepareSave();
        int saved;
        try
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
        if (changes.Count > 0)
        {
            SignalChanges(changes);
            if (Database.IsNpgsql())
            {
                Database.ExecuteSqlRaw(NotifySql(changes));
            }
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (changes, detecting) = PrepareSave();
        int saved;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
        if (changes.Count > 0)
        {
            SignalChanges(changes);
            if (Database.IsNpgsql())
            {
                // Inside a transaction PostgreSQL delivers this at commit, and not at all on rollback.
                await Database.ExecuteSqlRawAsync(NotifySql(changes), cancellationToken);
            }
        }
        return saved;
    }

    public Task InsertAsync(IEnumerable<object?> rows, CancellationToken ct) => NewRowWriter.WriteAsync(this, rows, ct);

    /// <summary>
    /// In a transaction of its own, or behind a savepoint in the caller's: rolling back to it keeps the
    /// caller's transaction usable after a lost race (PostgreSQL refuses every later statement of a
    /// transaction whose statement failed). Nothing is tracked, so nothing needs detaching afterwards.
    /// </summary>
    public async Task<bool> TryInsertAsync(IReadOnlyCollection<object> rows, CancellationToken ct)
    {
        const string savepoint = "try_insert";
        var outer = Database.CurrentTransaction;
        await using var own = outer is null ? await Database.BeginTransactionAsync(ct) : null;
        if (outer is not null)
        {
            await outer.CreateSavepointAsync(savepoint, ct);
        }
        try
        {
            await NewRowWriter.WriteAsync(this, rows, ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Caused(ex))
        {
            await (outer is null ? own!.RollbackAsync(ct) : outer.RollbackToSavepointAsync(savepoint, ct));
            return false;
        }
        await (outer is null ? own!.CommitAsync(ct) : outer.ReleaseSavepointAsync(savepoint, ct));
        return true;
    }

    /// <summary>
    /// The checks and version bumps before a save, on one pass of change detection: each look at the
    /// change tracker would detect changes again (five times a save), so detection is done once here and
    /// switched off until the save is over (the version bumps go through the tracker, which sees them).
    /// Returns the channels to announce after the save, and whether detection was on before.
    /// </summary>
    private (List<string> Channels, bool Detecting) PrepareSave()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
        }
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            RefuseUnrecordedFacts();
            BumpVersions();
            return (CachedChanges(), detecting);
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
            throw;
        }
    }

    /// <summary>The channels of the in-memory copies (<see cref="ReferenceDataCache"/>, <see cref="SessionStampCache"/>) that this save makes stale.</summary>
    private List<string> CachedChanges()
    {
        var channels = new List<string>(2);
        if (ChangeTracker.Entries().Any(e => e.Entity is City or District && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            channels.Add(ReferenceDataChannel);
        }
        if (ChangeTracker.Entries<ApplicationUser>().Any(e => e.State == EntityState.Deleted
                || (e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).IsModified)))
        {
            channels.Add(SessionStampChannel);
        }
        return channels;
    }

    /// <summary>Drops this process's copies that a change on the channel makes stale: after a save here, or when another node says so.</summary>
    internal static void Signal(string channel)
    {
        if (channel == ReferenceDataChannel)
        {
            ReferenceDataCache.Changed();
        }
        else if (channel == SessionStampChannel)
        {
            SessionStampCache.Changed();
        }
    }

    private static void SignalChanges(List<string> channels) => channels.ForEach(Signal);

    // Channel names are the constants above, never input.
    private static string NotifySql(List<string> channels) =>
        "SELECT " + string.Join(", ", channels.Select(c => $"pg_notify('{c}', '')"));

    /// <summary>
    /// A custody change saved without its ledger entry would make the public trail wrong: a save
    /// with facts that <see cref="CustodyRecorder"/> never turned into entries fails, and saves nothing.
    /// </summary>
    private void RefuseUnrecordedFacts()
    {
        foreach (var entry in ChangeTracker.Entries<Domain.Custody.IRecordsCustody>())
        {
            if (entry.State != EntityState.Detached && entry.Entity.CustodyFacts.Count > 0)
            {
                throw new UnrecordedCustodyFactsException(entry.Metadata.ClrType.Name);
            }
        }
    }

    /// <summary>
    /// Every insert starts at version 1 and every update adds one; the update's WHERE clause
    /// carries the version that was read, so a stale write matches no row and fails.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            var version = entry.Property(v => v.Version);
            if (entry.State == EntityState.Added)
            {
                version.CurrentValue = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
