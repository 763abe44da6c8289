using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

/// <summary>
/// The product's SQL for one booking, by hand: the session check, then one transaction with the
/// key's advisory lock and earlier answer, the window (with its city and district, which the
/// product holds in memory), the inserts in one batch, the conditional UPDATE that takes a place
/// (last, as the product does: the window's row stays locked for one round trip), the commit. It trusts the user id the bearer value names (the product also decrypts a token).
/// </summary>
internal sealed class RawBooking(NpgsqlDataSource data)
{
    public sealed record Address(Guid DistrictId, string Street, string? Building, string ContactName, string Phone, string? AccessNotes,
        double? Latitude, double? Longitude);
    public sealed record Command(Guid SlotId, Address Address, List<string> Categories, int Bags, string? Weight, string? Condition, Guid? CharityId);
    public sealed record Name(string En, string Zh);
    public sealed record TimelineEntry(DateTimeOffset At, string Actor, string? From, string To, string? Note);
    public sealed record Details(string Reference, string Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string TimeZone,
        Name City, Name District, Guid DistrictId, Address Address, List<string> Categories, int Bags, string Weight, string Condition,
        Name? Charity, List<string> Labels, List<TimelineEntry> Timeline, DateTimeOffset ChangeableUntil, bool CanCancel, bool CanReschedule,
        long Version, int? CollectedBags, decimal? CollectedKg, string? FailureReason);

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IResult> BookAsync(HttpContext http, CancellationToken ct)
    {
        var bearer = http.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !Guid.TryParse(bearer["Bearer ".Length..], out var userId))
        {
            return Results.Unauthorized();
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length is 0 or > 100)
        {
            return Results.Problem(statusCode: 400, title: "The Idempotency-Key header is required.");
        }
        var body = await JsonSerializer.DeserializeAsync<Command>(http.Request.Body, JsonSerializerOptions.Web, ct);
        if (body?.Address is null || body.Weight is null || body.Condition is null || body.Bags is < 1 or > 20 || body.Categories is not { Count: > 0 })
        {
            return Results.Problem(statusCode: 400, title: "Invalid booking.");
        }
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body)));
        var lockId = BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"idem:{userId:N}:book-pickup:{key}")));

        await using var connection = await data.OpenConnectionAsync(ct);
        await using (var stamp = new NpgsqlCommand("SELECT security_stamp FROM users WHERE id = $1", connection) { Parameters = { new() { Value = userId } } })
        {
            if (await stamp.ExecuteScalarAsync(ct) is null)
            {
                return Results.Unauthorized();
            }
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction) { Parameters = { new() { Value = lockId } } })
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using (var earlier = new NpgsqlCommand(
            "SELECT request_hash, resource_id FROM idempotency_records WHERE user_id = $1 AND key = $2 AND operation = 'book-pickup'", connection, transaction)
        {
            Parameters = { new() { Value = userId }, new() { Value = key } },
        })
        await using (var reader = await earlier.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                return reader.GetString(0) == hash ? Results.Ok() : Results.Problem(statusCode: 422, title: "idempotency.key_reused");
            }
        }
        Guid cityId, districtId;
        DateTimeOffset starts, ends;
        string zone;
        int cutoffMinutes;
        Name city, district;
        await using (var slot = new NpgsqlCommand("""
            SELECT s.city_id, s.district_id, s.starts_at, s.ends_at, c.time_zone_id, c.booking_cutoff_minutes,
                   c.name_en, c.name_zh, d.name_en, d.name_zh
            FROM slots s JOIN cities c ON c.id = s.city_id JOIN districts d ON d.id = s.district_id WHERE s.id = $1
            """, connection, transaction) { Parameters = { new() { Value = body.SlotId } } })
        await using (var reader = await slot.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return Results.Problem(statusCode: 404, title: "slot not found");
            }
            (cityId, districtId, starts, ends, zone, cutoffMinutes) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetInt32(5));
            city = new Name(reader.GetString(6), reader.GetString(7));
            district = new Name(reader.GetString(8), reader.GetString(9));
        }
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.UtcTicks % 10));
        var changeableUntil = starts - TimeSpan.FromMinutes(cutoffMinutes);
        if (now >= changeableUntil || body.Address.DistrictId != districtId)
        {
            return Results.Problem(statusCode: 409, title: "slot.closed");
        }
        var pickupId = Guid.CreateVersion7();
        var reference = string.Create(9, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
        var categories = string.Join(", ", body.Categories);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO idempotency_records (key, operation, user_id, created_at, request_hash, resource_id, response)
                VALUES ($1, 'book-pickup', $2, $3, $4, $5, NULL)
                """) { Parameters = { new() { Value = key }, new() { Value = userId }, new() { Value = now }, new() { Value = hash }, new() { Value = pickupId } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO pickups (id, city_id, consumer_id, created_at, reference, slot_id, status, version, window_end, window_start,
                    access_notes, building, contact_name, district_id, latitude, longitude, phone, street, bags, categories, charity_id, condition, weight_band)
                VALUES ($1, $2, $3, $4, $5, $6, 'Booked', 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
                """)
            {
                Parameters =
                {
                    new() { Value = pickupId }, new() { Value = cityId }, new() { Value = userId }, new() { Value = now }, new() { Value = reference },
                    new() { Value = body.SlotId }, new() { Value = ends }, new() { Value = starts },
                    new() { Value = (object?)body.Address.AccessNotes ?? DBNull.Value }, new() { Value = (object?)body.Address.Building ?? DBNull.Value },
                    new() { Value = body.Address.ContactName }, new() { Value = districtId },
                    new() { Value = (object?)body.Address.Latitude ?? DBNull.Value }, new() { Value = (object?)body.Address.Longitude ?? DBNull.Value },
                    new() { Value = body.Address.Phone }, new() { Value = body.Address.Street }, new() { Value = body.Bags }, new() { Value = categories },
                    new() { Value = (object?)body.CharityId ?? DBNull.Value }, new() { Value = body.Condition }, new() { Value = body.Weight },
                },
            });
            var labels = new List<string>();
            for (var bag = 1; bag <= body.Bags; bag++)
            {
                var label = $"{reference}-{bag:00}";
                labels.Add(label);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    "INSERT INTO bag_labels (label_id, bag_number, collected, pickup_id, received_at_hub) VALUES ($1, $2, false, $3, false)")
                {
                    Parameters = { new() { Value = label }, new() { Value = bag }, new() { Value = pickupId } },
                });
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO notifications (id, created_at, email_attempts, kind, next_attempt_at, pickup_id, pickup_reference, time_zone, user_id, window_end, window_start)
                VALUES ($1, $2, 0, 'BookingConfirmed', $2, $3, $4, $5, $6, $7, $8)
                """)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() }, new() { Value = now }, new() { Value = pickupId }, new() { Value = Format(reference) },
                    new() { Value = zone }, new() { Value = userId }, new() { Value = ends }, new() { Value = starts },
                },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO pickup_events (id, actor, at, pickup_id, \"to\") VALUES ($1, 'Consumer', $2, $3, 'Booked')")
            {
                Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = now }, new() { Value = pickupId } },
            });
            await batch.ExecuteNonQueryAsync(ct);
            await using (var take = new NpgsqlCommand(
                "UPDATE slots SET booked = booked + 1, version = version + 1 WHERE id = $1 AND booked < capacity", connection, transaction)
            {
                Parameters = { new() { Value = body.SlotId } },
            })
            {
                if (await take.ExecuteNonQueryAsync(ct) != 1)
                {
                    return Results.Problem(statusCode: 409, title: "slot.full");
                }
            }
            await transaction.CommitAsync(ct);

            http.Response.Headers.ETag = "\"1\"";
            return Results.Json(new Details(Format(reference), "Booked", starts, ends, zone, city, district, districtId, body.Address, body.Categories,
                body.Bags, body.Weight, body.Condition, null, labels, [new TimelineEntry(now, "Consumer", null, "Booked", null)],
                changeableUntil, true, true, 1, null, null, null), statusCode: 201);
        }
    }

    private static string Format(string reference) => $"{reference[..4]}-{reference[4..8]}-{reference[8..]}";
}
