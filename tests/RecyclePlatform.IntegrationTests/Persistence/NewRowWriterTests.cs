using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.Persistence;

/// <summary>
/// Booking writes its new rows without the change tracker (IAppDbContext.InsertAsync). Every column of
/// every row it writes must be what SaveChanges writes for the same aggregate, read back with plain SQL
/// (not through EF, which could hide a difference), on both databases.
/// </summary>
public abstract class NewRowWriterTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private BookingScenario _scenario = null!;
    private Slot _slot = null!;
    private Guid _donor;
    private DateTimeOffset _now;

    public async Task InitializeAsync()
    {
        await using var services = BookingScenario.Services(fixture);
        _scenario = await BookingScenario.CreateAsync(fixture, services);
        _slot = await _scenario.AddSlotAsync(capacity: 10);
        _donor = (await _scenario.AddDonorsAsync(1))[0];
        // Whole microseconds, the databases' precision: both copies of a booking are made at this time.
        _now = DateTimeOffset.UtcNow;
        _now = _now.AddTicks(-(_now.UtcTicks % 10));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Bookings => ["bare", "full", "odd"];

    private (Pickup Pickup, Notification Notification, IdempotencyRecord Record) NewBooking(string shape)
    {
        var address = shape switch
        {
            "bare" => new PickupAddress(_scenario.District.Id, "1 Plain Street", null, "A", "13800138000", null, null, null),
            "full" => new PickupAddress(_scenario.District.Id, "88 Jianguo Road", "Unit 1201", "Lin Xiaoyu", "+86 138 0013 8000", "Ring twice", 31.2304, 121.4737),
            _ => new PickupAddress(_scenario.District.Id, "路 '; DROP TABLE pickups; -- 😀", "\"quoted\"", "林 小雨", "13800138000", "line\nbreak", -89.999999, 179.999999),
        };
        var donation = new Donation(shape == "bare" ? ItemCategories.Clothing : ItemCategories.Clothing | ItemCategories.Shoes | ItemCategories.HomeTextiles,
            shape == "full" ? 5 : 1, WeightBand.From5To10Kg, ItemCondition.Wearable, charityId: null);
        var now = _now;
        var pickup = Pickup.Book(PickupReference.New(), _donor, _scenario.City.Id, _slot, address, donation, minimumKg: 0, TimeSpan.FromHours(2), now);
        var notification = NotificationOutbox.For(NotificationKind.BookingConfirmed, pickup, _scenario.City.TimeZoneId, now)!;
        var record = new IdempotencyKey(_donor, "book-pickup", "key-" + Guid.NewGuid().ToString("N"), new string('A', 64)).Record(pickup.Id, now);
        return (pickup, notification, record);
    }

    [Theory]
    [MemberData(nameof(Bookings))]
    public async Task EveryColumn_IsWhatSaveChangesWrites(string shape)
    {
        var tracked = NewBooking(shape);
        var direct = NewBooking(shape);
        await using (var db = fixture.CreateContext())
        {
            db.IdempotencyRecords.Add(tracked.Record);
            db.Pickups.Add(tracked.Pickup);
            db.Notifications.Add(tracked.Notification);
            await db.SaveChangesAsync();
        }
        await using (var db = fixture.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync([direct.Record, direct.Pickup, direct.Notification], CancellationToken.None);
            await transaction.CommitAsync();
            db.ChangeTracker.Entries().ShouldBeEmpty();
        }

        direct.Pickup.Version.ShouldBe(tracked.Pickup.Version);
        direct.Pickup.Version.ShouldBe(1);
        foreach (var (table, column, ids) in new[]
        {
            ("pickups", "id", new[] { "id", "reference" }),
            ("bag_labels", "pickup_id", ["label_id", "pickup_id"]),
            ("pickup_events", "pickup_id", ["id", "pickup_id"]),
            ("notifications", "pickup_id", ["id", "pickup_id", "pickup_reference"]),
            ("idempotency_records", "resource_id", ["key", "resource_id"]),
        })
        {
            var expected = await RowsAsync(table, column, tracked.Pickup.Id, ids);
            var actual = await RowsAsync(table, column, direct.Pickup.Id, ids);
            expected.ShouldNotBeEmpty(table);
            actual.ShouldBe(expected, table);
        }
        // The ids that differ still tie each row to its own pickup and the labels follow its reference.
        (await RowsAsync("bag_labels", "pickup_id", direct.Pickup.Id, []))
            .ShouldAllBe(row => row.Contains($"label_id={direct.Pickup.Reference}-"));
    }

    [Fact]
    public async Task WithoutATransaction_NothingIsWritten()
    {
        var booking = NewBooking("bare");
        await using var db = fixture.CreateContext();

        await Should.ThrowAsync<InvalidOperationException>(() => db.InsertAsync([booking.Pickup], CancellationToken.None));

        (await RowsAsync("pickups", "id", booking.Pickup.Id, [])).ShouldBeEmpty();
    }

    [Fact]
    public async Task ACachedType_IsLeftToSaveChanges_WhichTellsTheOtherNodes()
    {
        await using var db = fixture.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        await Should.ThrowAsync<NotSupportedException>(() =>
            db.InsertAsync([City.Create("x-" + Guid.NewGuid().ToString("N")[..8], new LocalizedName("X", "X"), "Asia/Shanghai")], CancellationToken.None));
    }

    [Fact]
    public async Task AKeyWrittenTwice_FailsLikeSaveChanges_AndTheTransactionKeepsNothing()
    {
        var first = NewBooking("bare");
        var second = NewBooking("bare");
        second.Record.Key = first.Record.Key;
        await using (var db = fixture.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync([first.Record, first.Pickup], CancellationToken.None);

            await Should.ThrowAsync<DbUpdateException>(() => db.InsertAsync([second.Record, second.Pickup], CancellationToken.None));
        }

        (await RowsAsync("pickups", "id", first.Pickup.Id, [])).ShouldBeEmpty();
        (await RowsAsync("pickups", "id", second.Pickup.Id, [])).ShouldBeEmpty();
    }

    /// <summary>The rows of a table whose column holds the id, as "column=value" lines without the listed columns, sorted.</summary>
    private async Task<List<string>> RowsAsync(string table, string column, Guid id, string[] without)
    {
        await using var db = fixture.CreateContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE {column} = @id";
        var parameter = db.Model.FindEntityType(typeof(Pickup))!.FindProperty(nameof(Pickup.Id))!.GetRelationalTypeMapping()
            .CreateParameter(command, "id", id);
        command.Parameters.Add(parameter);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var cells = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                if (!without.Contains(name))
                {
                    var value = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    cells.Add($"{name}={value}");
                }
            }
            rows.Add(string.Join("; ", cells.Order(StringComparer.Ordinal)));
        }
        return [.. rows.Order(StringComparer.Ordinal)];
    }
}

public sealed class PostgresNewRowWriterTests(PostgresFixture fixture) : NewRowWriterTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteNewRowWriterTests(SqliteFixture fixture) : NewRowWriterTests(fixture), IClassFixture<SqliteFixture>;
