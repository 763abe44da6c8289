using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Common;

/// <summary>
/// The client's Idempotency-Key for one creating or state-changing request: the same key with the
/// same body is answered as the first time; the same key with another body is refused.
/// </summary>
public sealed record IdempotencyKey(Guid UserId, string Operation, string Key, string RequestHash)
{
    /// <summary>Null when the client sent no key; a key that is blank or too long is refused.</summary>
    public static IdempotencyKey? From(Guid userId, string operation, string? key, object request)
    {
        var trimmed = key?.Trim();
        if (trimmed is null)
        {
            return null;
        }
        if (trimmed.Length is 0 or > IdempotencyRecord.MaxKeyLength)
        {
            throw new DomainRuleException(Rules.Idempotency.KeyInvalid);
        }
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        return new IdempotencyKey(userId, operation, trimmed, hash);
    }

    /// <summary>
    /// A cluster-wide lock id for this key: retries of one request that race each other take turns,
    /// so the second one finds the first one's record instead of competing with it (for a window's
    /// last place, say).
    /// </summary>
    public long LockId => BitConverter.ToInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"idem:{UserId:N}:{Operation}:{Key}")));

    /// <summary>The resource the first request with this key made, or null when the key is new.</summary>
    public async Task<Guid?> EarlierResultAsync(IAppDbContext db, CancellationToken ct) =>
        (await EarlierRecordAsync(db, ct))?.ResourceId;

    /// <summary>The first request's record, or null when the key is new; the same key with another body is refused.</summary>
    public async Task<IdempotencyRecord?> EarlierRecordAsync(IAppDbContext db, CancellationToken ct)
    {
        var record = await RecordOf.For(db)((DbContext)db, UserId, Key, Operation, ct);
        return record is null || record.RequestHash == RequestHash ? record : throw new DomainRuleException(Rules.Idempotency.KeyReused);
    }

    // Compiled once: every keyed request reads its record (docs/performance.md).
    private static readonly CompiledQuery<Func<DbContext, Guid, string, string, CancellationToken, Task<IdempotencyRecord?>>> RecordOf =
        new(() => EF.CompileAsyncQuery((DbContext db, Guid userId, string key, string operation, CancellationToken _) =>
            db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefault(r => r.UserId == userId && r.Key == key && r.Operation == operation)));

    /// <summary>
    /// Remembers the result in the caller's unit of work, so it commits with the change itself: the
    /// resource made, or (for a request keyed at the HTTP level) the whole first answer.
    /// </summary>
    public void Remember(IAppDbContext db, Guid resourceId, DateTimeOffset now, string? response = null) =>
        db.IdempotencyRecords.Add(Record(resourceId, now, response));

    /// <summary>The record of this key's result, for a use case that writes it itself (<see cref="IAppDbContext.InsertAsync"/>).</summary>
    public IdempotencyRecord Record(Guid resourceId, DateTimeOffset now, string? response = null) => new()
    {
        UserId = UserId, Key = Key, Operation = Operation, RequestHash = RequestHash, ResourceId = resourceId, Response = response, CreatedAt = now,
    };
}
