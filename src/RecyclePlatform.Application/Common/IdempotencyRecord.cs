namespace RecyclePlatform.Application.Common;

/// <summary>
/// Remembers which resource a creating request made under a client's Idempotency-Key, saved in
/// the same transaction as the resource, so a retry after a lost answer can never create a twin.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 100;
    public const int MaxOperationLength = 120;

    public Guid UserId { get; set; }
    public string Key { get; set; } = "";
    public string Operation { get; set; } = "";

    /// <summary>SHA-256 of the request body as the use case received it: the same key with another body is refused.</summary>
    public string RequestHash { get; set; } = "";

    public Guid ResourceId { get; set; }

    /// <summary>The first answer (status, Location, ETag, JSON body) of a request keyed at the HTTP level; null for use-case records.</summary>
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
