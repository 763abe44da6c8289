using Npgsql;

/// <summary>The product's reads for the same requests, as plain SQL on one connection per request.</summary>
internal sealed class RawQueries(NpgsqlDataSource data)
{
    public sealed record Name(string En, string Zh);
    public sealed record District(Guid Id, string Slug, Name Name, double Latitude, double Longitude);
    public sealed record City(Guid Id, string Slug, Name Name, string TimeZone, List<District> Districts);
    public sealed record Slot(Guid Id, Guid DistrictId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        string LocalStart, string LocalEnd, int PlacesLeft, bool Open, int Capacity, int Booked, bool CapacityOverridden, long Version, Guid? CampaignId);
    public sealed record SlotList(Guid DistrictId, string TimeZone, DateOnly From, DateOnly To, List<Slot> Slots, DateOnly? NextOpenDate, List<object> Nearby);

    public async Task<List<City>> CitiesAsync(CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        var cities = new List<City>();
        await using (var command = new NpgsqlCommand("SELECT id, slug, name_en, name_zh, time_zone_id FROM cities ORDER BY slug", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                cities.Add(new City(reader.GetGuid(0), reader.GetString(1), new Name(reader.GetString(2), reader.GetString(3)), reader.GetString(4), []));
            }
        }
        var byId = cities.ToDictionary(c => c.Id);
        await using (var command = new NpgsqlCommand("SELECT city_id, id, slug, name_en, name_zh, centre_latitude, centre_longitude FROM districts ORDER BY slug", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (byId.TryGetValue(reader.GetGuid(0), out var city))
                {
                    city.Districts.Add(new District(reader.GetGuid(1), reader.GetString(2), new Name(reader.GetString(3), reader.GetString(4)),
                        reader.GetDouble(5), reader.GetDouble(6)));
                }
            }
        }
        return cities;
    }

    /// <summary>
    /// The district and its city's booking policy, the check that every window of the horizon exists
    /// (the product's SlotPlanner.EnsureAsync), and the windows with their places.
    /// </summary>
    public async Task<SlotList?> SlotsAsync(Guid districtId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        string zoneId;
        int horizonDays, cutoffMinutes, firstHour, windowHours, perDay;
        await using (var command = new NpgsqlCommand("""
            SELECT c.time_zone_id, c.booking_horizon_days, c.booking_cutoff_minutes, c.booking_first_window_hour,
                   c.booking_window_hours, c.booking_windows_per_day
            FROM districts d JOIN cities c ON c.id = d.city_id WHERE d.id = $1
            """, connection) { Parameters = { new() { Value = districtId } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            (zoneId, horizonDays, cutoffMinutes, firstHour, windowHours, perDay) =
                (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var last = today.AddDays(horizonDays - 1);
        var firstStart = Start(today, firstHour, zone);
        var lastStart = Start(last, firstHour + (perDay - 1) * windowHours, zone);
        await using (var ensure = new NpgsqlCommand("SELECT starts_at FROM slots WHERE district_id = $1 AND starts_at >= $2 AND starts_at <= $3", connection)
        {
            Parameters = { new() { Value = districtId }, new() { Value = firstStart }, new() { Value = lastStart } },
        })
        await using (var reader = await ensure.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _ = reader.GetFieldValue<DateTimeOffset>(0);
            }
        }
        var slots = new List<Slot>();
        await using (var command = new NpgsqlCommand("""
            SELECT id, district_id, local_date, starts_at, ends_at, capacity, booked, capacity_overridden, version, campaign_id
            FROM slots WHERE district_id = $1 AND local_date >= $2 AND local_date <= $3 ORDER BY starts_at
            """, connection) { Parameters = { new() { Value = districtId }, new() { Value = today }, new() { Value = last } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var starts = reader.GetFieldValue<DateTimeOffset>(3);
                var ends = reader.GetFieldValue<DateTimeOffset>(4);
                var capacity = reader.GetInt32(5);
                var booked = reader.GetInt32(6);
                var left = Math.Max(capacity - booked, 0);
                slots.Add(new Slot(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), starts, ends,
                    TimeZoneInfo.ConvertTime(starts, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    TimeZoneInfo.ConvertTime(ends, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    left, left > 0 && now < starts - TimeSpan.FromMinutes(cutoffMinutes), capacity, booked, reader.GetBoolean(7), reader.GetInt64(8),
                    reader.IsDBNull(9) ? null : reader.GetGuid(9)));
            }
        }
        return new SlotList(districtId, zoneId, today, last, slots, slots.FirstOrDefault(s => s.Open)?.Date, []);
    }

    private static DateTimeOffset Start(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(Math.Clamp(hour, 0, 23), 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
