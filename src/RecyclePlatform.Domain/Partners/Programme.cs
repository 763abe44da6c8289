using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Partners;

/// <summary>
/// One of a charity's distribution programmes ("Winter coats for schools"), from the catalogue its
/// staff keep. Distributions name the programme by id, so the name itself never reaches the ledger
/// and can be corrected (or made less specific) at any time.
/// </summary>
public sealed class Programme : IVersioned
{
    private Programme()
    {
        Name = null!;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public LocalizedName Name { get; private set; }

    /// <summary>A retired programme stays for the entries that name it but is not offered any more.</summary>
    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }

    public static Programme Create(Guid partnerId, LocalizedName name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PartnerId = partnerId,
        Name = name,
        Active = true,
        CreatedAt = now,
    };

    public void Rename(LocalizedName name) => Name = name;

    public void SetActive(bool active) => Active = active;
}
