using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Common;

/// <summary>The database as the use cases see it. Implemented by Infrastructure.</summary>
public interface IAppDbContext
{
    DbSet<City> Cities { get; }
    DbSet<District> Districts { get; }
    DbSet<Hub> Hubs { get; }
    DbSet<Partner> Partners { get; }
    DbSet<Courier> Couriers { get; }
    DbSet<Slot> Slots { get; }
    DbSet<Domain.Dispatch.Shift> Shifts { get; }
    DbSet<Domain.Dispatch.DispatchRun> DispatchRuns { get; }
    DbSet<Pickup> Pickups { get; }
    DbSet<IdempotencyRecord> IdempotencyRecords { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<Pickups.PickupPhoto> PickupPhotos { get; }
    DbSet<Lot> Lots { get; }
    DbSet<Distribution> Distributions { get; }
    DbSet<Programme> Programmes { get; }
    DbSet<Domain.Ledger.LedgerCorrection> LedgerCorrections { get; }
    DbSet<Ledger.LedgerOutboxItem> LedgerOutbox { get; }
    DbSet<Ledger.LedgerEntryRecord> LedgerEntries { get; }
    DbSet<Ledger.LedgerNodeRecord> LedgerNodes { get; }
    DbSet<Ledger.LedgerMentionRecord> LedgerMentions { get; }
    DbSet<Ledger.LedgerCheckpointRecord> LedgerCheckpoints { get; }
    DbSet<Ledger.LedgerCosignatureRecord> LedgerCosignatures { get; }
    DbSet<Ledger.LedgerTileRecord> LedgerTiles { get; }
    DbSet<Ledger.DonorLedgerSalt> DonorLedgerSalts { get; }
    DbSet<Ledger.LedgerAuditRun> LedgerAuditRuns { get; }
    DbSet<Domain.Campaigns.Campaign> Campaigns { get; }
    DbSet<Domain.Campaigns.Team> Teams { get; }
    DbSet<Domain.Campaigns.CollectionPoint> CollectionPoints { get; }
    DbSet<Domain.Campaigns.TeamMember> TeamMembers { get; }
    DbSet<Domain.Campaigns.PublicGiver> PublicGivers { get; }
    DbSet<Campaigns.OrganiserLogo> OrganiserLogos { get; }
    DbSet<Domain.Impact.ImpactShareLink> ImpactShareLinks { get; }
    DbSet<Domain.Impact.ImpactFactorTable> ImpactFactorTables { get; }

    /// <summary>For the few use cases that need an explicit transaction (booking takes a place and saves the pickup together).</summary>
    DatabaseFacade Database { get; }

    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes new aggregates and the rows they own in one batch inside the open transaction, in the order
    /// given (a row after those it refers to), without tracking them: for a use case that only creates rows
    /// and must be fast (booking). Everything else saves with <see cref="SaveChangesAsync"/>.
    /// </summary>
    Task InsertAsync(IEnumerable<object?> rows, CancellationToken ct);

    /// <summary>
    /// Writes new rows (only these, not tracked afterwards, as <see cref="InsertAsync"/>) that another request
    /// may be writing at the same moment. False when a unique key already holds one of them: the database
    /// decided that the other request made them first, and none of these rows were written; an open
    /// transaction stays usable. Any other failure is thrown as it is. Rows are written in the order given:
    /// callers racing for the same rows give them in one order (a window's start, say), so that one waits
    /// for the other instead of the two deadlocking.
    /// </summary>
    Task<bool> TryInsertAsync(IReadOnlyCollection<object> rows, CancellationToken ct);

    Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry Entry(object entity);
}

/// <summary>
/// The database for public pages that may show data a few seconds old (the public ledger): a
/// PostgreSQL read replica when ConnectionStrings:Read is set, otherwise the primary. Reads only:
/// a replica refuses writes.
/// </summary>
public interface IPublicReadDbContext : IAppDbContext;
