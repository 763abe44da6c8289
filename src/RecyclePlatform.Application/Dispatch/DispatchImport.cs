using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Slots;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Slots;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>One problem with one cell (or the whole row when <see cref="Column"/> is empty); <see cref="Line"/> counts the header as line 1.</summary>
public sealed record ImportRowError(long Line, string Column, string Code);

public sealed record ImportReport(int Rows, int Imported, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<CourierInvitation> Invitations)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Bulk import from CSV: pickups for a community drive, or couriers. Every row is checked first and
/// the report lists each bad cell; only when no row is wrong is anything saved, in one transaction.
/// </summary>
public sealed class DispatchImport(IAppDbContext db, ICurrentUser user, TimeProvider time, SlotPlanner slots, CourierAdmin couriers)
{
    public const int MaxRows = 5_000;

    /// <summary>How far ahead a drive may be imported.</summary>
    public const int MaxDaysAhead = 90;

    public static readonly string[] PickupColumns =
        ["date", "window_start", "district", "street", "building", "contact_name", "phone", "bags", "weight_band", "categories", "latitude", "longitude", "access_notes"];

    public static readonly string[] CourierColumns = ["email", "name", "hub"];

    public async Task<ImportReport> PickupsAsync(Guid cityId, Stream csv, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var city = await db.Cities.AsNoTracking().Include(c => c.Districts).SingleOrDefaultAsync(c => c.Id == cityId, ct) ?? throw new NotFoundException("city", cityId);
        var (rows, errors) = Read(csv, PickupColumns, ["date", "window_start", "district", "street", "contact_name", "phone", "bags", "weight_band"]);
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
            await db.Slots.Where(s => s.Id == taken.SlotId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Booked, x => x.Booked + taken.Count)
                .SetProperty(x => x.Version, x => x.Version + 1), ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportReport(rows.Count, planned.Count, [], []);
    }

    public async Task<ImportReport> CouriersAsync(Guid cityId, Stream csv, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).ToListAsync(ct);
        var (rows, errors) = Read(csv, CourierColumns, CourierColumns);
        var inputs = new List<CourierInput>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var hub = hubs.FirstOrDefault(h => string.Equals(h.Name.English, row["hub"], StringComparison.OrdinalIgnoreCase)
                || h.Name.Chinese == row["hub"] || h.Id.ToString() == row["hub"]);
            var input = new CourierInput { Email = row["email"], DisplayName = row["name"], HubId = hub?.Id ?? Guid.Empty };
            if (hub is null)
            {
                errors.Add(new ImportRowError(row.Line, "hub", Rules.Courier.HubOtherCity.Code));
            }
            if (!seen.Add(row["email"]))
            {
                errors.Add(new ImportRowError(row.Line, "email", Rules.Import.DuplicateRow.Code));
            }
            foreach (var failure in await couriers.CheckAsync(cityId, input, ct))
            {
                if (failure.PropertyName != nameof(CourierInput.HubId))
                {
                    errors.Add(new ImportRowError(row.Line, failure.PropertyName == nameof(CourierInput.Email) ? "email" : "name", failure.ErrorCode));
                }
            }
            inputs.Add(input);
        }
        if (errors.Count > 0 || rows.Count == 0)
        {
            return new ImportReport(rows.Count, 0, errors.Count > 0 ? errors : [new ImportRowError(1, "", Rules.Import.Empty.Code)], []);
        }
        var invitations = new List<CourierInvitation>();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        foreach (var input in inputs)
        {
            invitations.Add(await couriers.AddAsync(cityId, input, ct));
        }
        await transaction.CommitAsync(ct);
        return new ImportReport(rows.Count, inputs.Count, [], invitations);
    }

    /// <summary>The file's column a refused row is about: the rule's field in the file's snake_case (a window's rule is about its date).</summary>
    private static string ColumnFor(Rule rule) => rule.Field switch
    {
        null => rule.Code.StartsWith("geo.", StringComparison.Ordinal) || rule == Rules.Address.CoordinatesIncomplete ? "latitude" : "",
        nameof(Pickups.BookPickupCommand.SlotId) => "date",
        var field => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(field[(field.LastIndexOf('.') + 1)..]),
    };

    private sealed class Row(long line, Dictionary<string, string> cells)
    {
        public long Line { get; } = line;

        public string this[string column] => cells.TryGetValue(column, out var value) ? value : "";
    }

    /// <summary>Reads the header and the rows as trimmed strings; unknown and missing required columns are errors of line 1.</summary>
    private static (List<Row> Rows, List<ImportRowError> Errors) Read(Stream csv, string[] columns, string[] required)
    {
        var rows = new List<Row>();
        var errors = new List<ImportRowError>();
        try
        {
            using var reader = CsvReader.Create(csv, null, leaveOpen: true);
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            errors.AddRange(required.Where(c => !headers.Contains(c)).Select(c => new ImportRowError(1, c, Rules.Import.ColumnMissing.Code)));
            errors.AddRange(headers.Where(h => !columns.Contains(h)).Select(h => new ImportRowError(1, h, Rules.Import.ColumnUnknown.Code)));
            if (errors.Count > 0)
            {
                return (rows, errors);
            }
            var line = 1L;
            while (reader.Read())
            {
                line++;
                if (rows.Count == MaxRows)
                {
                    errors.Add(new ImportRowError(line, "", Rules.Import.TooManyRows.Code));
                    break;
                }
                var cells = new Dictionary<string, string>();
                for (var i = 0; i < headers.Count && i < reader.FieldCount; i++)
                {
                    cells[headers[i]] = reader.GetString(i).Trim();
                }
                if (reader.FieldCount != headers.Count)
                {
                    errors.Add(new ImportRowError(line, "", Rules.Import.ColumnCount.Code));
                }
                rows.Add(new Row(line, cells));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException or InvalidDataException or FormatException or System.Text.DecoderFallbackException)
        {
            errors.Add(new ImportRowError(rows.Count + 2, "", Rules.Import.NotCsv.Code));
        }
        return (rows, errors);
    }
}
