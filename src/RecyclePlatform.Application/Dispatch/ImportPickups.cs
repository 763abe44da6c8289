using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>
/// Imports a community drive's pickups from CSV, for a city the dispatcher plans. A drive was agreed with the
/// city: its pickups take places even in a full window. All rows are saved in one transaction, or none.
/// </summary>
public sealed class ImportPickupsHandler(IAppDbContext db, ICurrentUser user, TimeProvider time, SlotPlanner slots, ISlotReservations reservations)
{
    /// <summary>How far ahead a drive may be imported.</summary>
    public const int MaxDaysAhead = 90;

    public static readonly string[] Columns =
        ["date", "window_start", "district", "street", "building", "contact_name", "phone", "bags", "weight_band", "categories", "latitude", "longitude", "access_notes"];

    public async Task<ImportReport> HandleAsync(Guid cityId, Stream csv, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var city = await db.Cities.AsNoTracking().Include(c => c.Districts).SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var (rows, errors) = CsvImport.Read(csv, Columns, ["date", "window_start", "district", "street", "contact_name", "phone", "bags", "weight_band"]);
        var now = time.GetUtcNow();
        var zone = CityClock.Zone(city);
        var today = CityClock.Today(city, now);
        var planned = new List<(Pickup Pickup, Guid SlotId)>();
        // A district's windows of a day, made and read once however many rows name them.
        var windows = new Dictionary<(Guid District, DateOnly Day), Dictionary<DateTimeOffset, Slot>>();
        async Task<Dictionary<DateTimeOffset, Slot>> WindowsOfAsync(Guid districtId, DateOnly day)
        {
            if (!windows.TryGetValue((districtId, day), out var found))
            {
                await slots.EnsureAsync(city, districtId, day, day, ct);
                found = await db.Slots.AsNoTracking().Where(s => s.DistrictId == districtId && s.LocalDate == day).ToDictionaryAsync(s => s.StartsAt, ct);
                windows[(districtId, day)] = found;
            }
            return found;
        }
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Error(string column, string code) => errors.Add(new ImportRowError(row.Line, column, code));
            var date = DateOnly.TryParseExact(row["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            if (date is null)
            {
                Error("date", Rules.Import.DateInvalid.Code);
            }
            else if (date < today || date > today.AddDays(MaxDaysAhead))
            {
                // Checked before any window row is made for it: a refused file leaves no trace.
                Error("date", Rules.Import.DateOutOfRange.Code);
                date = null;
            }
            var start = TimeOnly.TryParseExact(row["window_start"], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (TimeOnly?)null;
            if (start is null)
            {
                Error("window_start", Rules.Import.TimeInvalid.Code);
            }
            var district = city.Districts.FirstOrDefault(x => string.Equals(x.Slug, row["district"], StringComparison.OrdinalIgnoreCase));
            if (district is null)
            {
                Error("district", Rules.Import.DistrictUnknown.Code);
            }
            var bags = int.TryParse(row["bags"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
            if (bags is < 1 or > Donation.MaxBags)
            {
                Error("bags", Rules.Pickup.BagCount.Code);
            }
            WeightBand? band = row["weight_band"].ToUpperInvariant() switch
            {
                "UNDER-5" or "UNDER5KG" => WeightBand.Under5Kg,
                "5-10" or "FROM5TO10KG" => WeightBand.From5To10Kg,
                "10-20" or "FROM10TO20KG" => WeightBand.From10To20Kg,
                "OVER-20" or "OVER20KG" => WeightBand.Over20Kg,
                _ => null,
            };
            if (band is null)
            {
                Error("weight_band", Rules.Import.WeightBandInvalid.Code);
            }
            var categories = ItemCategories.None;
            foreach (var name in (row["categories"].Length == 0 ? "clothing" : row["categories"]).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<ItemCategories>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var category) && category != ItemCategories.None)
                {
                    categories |= category;
                }
                else
                {
                    Error("categories", Rules.Pickup.CategoriesRequired.Code);
                }
            }
            double? lat = null, lon = null;
            if (row["latitude"].Length > 0 || row["longitude"].Length > 0)
            {
                if (double.TryParse(row["latitude"], NumberStyles.Float, CultureInfo.InvariantCulture, out var la) && double.TryParse(row["longitude"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                {
                    (lat, lon) = (la, lo);
                }
                else
                {
                    Error("latitude", Rules.Address.CoordinatesIncomplete.Code);
                }
            }
            if (errors.Count > before || district is null || date is null || start is null || band is null)
            {
                continue;
            }
            try
            {
                var address = new PickupAddress(district.Id, row["street"], row["building"], row["contact_name"], row["phone"], row["access_notes"], lat, lon);
                var donation = new Donation(categories, bags, band.Value, ItemCondition.Mixed, null);
                if (!(await WindowsOfAsync(district.Id, date.Value)).TryGetValue(CityClock.At(date.Value, start.Value, zone), out var slot))
                {
                    Error("window_start", Rules.Import.NoSuchWindow.Code);
                    continue;
                }
                planned.Add((Pickup.ImportForDrive(PickupReference.New(), city.Id, slot, address, donation, now), slot.Id));
            }
            catch (DomainRuleException rule)
            {
                Error(ColumnFor(rule.Rule), rule.Code);
            }
        }
        if (errors.Count > 0 || rows.Count == 0)
        {
            return new ImportReport(rows.Count, 0, errors.Count > 0 ? errors : [new ImportRowError(1, "", Rules.Import.Empty.Code)], []);
        }
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        db.Pickups.AddRange(planned.Select(p => p.Pickup));
        foreach (var taken in planned.GroupBy(p => p.SlotId, (slotId, pickups) => (SlotId: slotId, Count: pickups.Count())))
        {
            // A drive was agreed with the city: its pickups take places even in a full window.
            await reservations.TakeBeyondCapacityAsync(taken.SlotId, taken.Count, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportReport(rows.Count, planned.Count, [], []);
    }

    /// <summary>The file's column a refused row is about: the rule's field in the file's snake_case (a window's rule is about its date).</summary>
    private static string ColumnFor(Rule rule) => rule.Field switch
    {
        null => rule.Code.StartsWith("geo.", StringComparison.Ordinal) || rule == Rules.Address.CoordinatesIncomplete ? "latitude" : "",
        nameof(Pickups.BookPickupCommand.SlotId) => "date",
        var field => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(field[(field.LastIndexOf('.') + 1)..]),
    };
}
