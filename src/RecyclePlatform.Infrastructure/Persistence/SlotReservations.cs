using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <inheritdoc cref="ISlotReservations"/>
internal sealed class SlotReservations(AppDbContext db) : ISlotReservations
{
    public async Task<bool> TryTakeAsync(Guid slotId, CancellationToken ct)
    {
        var statements = Statements.Of(db);
        return await DirectSql.ExecuteAsync(db, statements.Take, [(slotId, statements.Id)], ct) == 1;
    }

    public async Task ReleaseAsync(Guid slotId, CancellationToken ct)
    {
        var statements = Statements.Of(db);
        await DirectSql.ExecuteAsync(db, statements.Release, [(slotId, statements.Id)], ct);
    }

    public Task TakeBeyondCapacityAsync(Guid slotId, int places, CancellationToken ct) =>
        db.Slots.Where(s => s.Id == slotId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Booked, x => x.Booked + places)
            .SetProperty(x => x.Version, x => x.Version + 1), ct);

    // One statement per window, beside concurrent bookings: only the capacity changes, never the places taken.
    public Task FollowCapacityAsync(Guid cityId, DateTimeOffset windowStart, int capacity, CancellationToken ct) =>
        db.Slots.Where(s => s.CityId == cityId && s.StartsAt == windowStart && !s.CapacityOverridden && s.Capacity != capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, capacity).SetProperty(x => x.Version, x => x.Version + 1), ct);

    public Task<bool> TryCreateAsync(IReadOnlyCollection<Slot> slots, CancellationToken ct) => db.TryInsertAsync(slots, ct);

    /// <summary>Written once per model from its names of the table and columns, so that the mapping stays the one place that knows them.</summary>
    private sealed record Statements(string Take, string Release, IProperty Id)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Statements> ByModel = [];

        public static Statements Of(DbContext db) => ByModel.GetValue(db.Model, model =>
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var slot = model.FindEntityType(typeof(Slot))!;
            var table = StoreObjectIdentifier.Table(slot.GetTableName()!, slot.GetSchema());
            string Column(string property) => sql.DelimitIdentifier(slot.FindProperty(property)!.GetColumnName(table)!);
            var (name, id, booked, capacity, version) = (sql.DelimitIdentifier(table.Name, table.Schema), Column(nameof(Slot.Id)),
                Column(nameof(Slot.Booked)), Column(nameof(Slot.Capacity)), Column(nameof(Slot.Version)));
            return new Statements(
                $"UPDATE {name} SET {booked} = {booked} + 1, {version} = {version} + 1 WHERE {id} = $1 AND {booked} < {capacity}",
                $"UPDATE {name} SET {booked} = {booked} - 1, {version} = {version} + 1 WHERE {id} = $1 AND {booked} > 0",
                slot.FindProperty(nameof(Slot.Id))!);
        });
    }
}
