using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Couriers;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.Application.Pickups;

/// <summary>A photo a courier took at the door. Only its SHA-256 goes to the ledger; the image stays here.</summary>
public sealed class PickupPhoto
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PickupId { get; set; }
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>
    /// The image type from the file's first bytes (JPEG, PNG, WebP), or null for anything else:
    /// a file's name or declared type proves nothing.
    /// </summary>
    public static string? ImageType(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}

/// <summary>Stores a door photo for the courier's own stop before they record the pickup.</summary>
public sealed class AttachPickupPhotoHandler(IAppDbContext db, CourierStops stops, TimeProvider time)
{
    /// <returns>The photo's SHA-256 (lower-case hex), to send with the PickedUp event.</returns>
    public async Task<string> HandleAsync(string reference, byte[] content, CancellationToken ct)
    {
        if (content.Length == 0 || PickupPhoto.ImageType(content) is not { } type)
        {
            throw new DomainRuleException("photo.not_an_image");
        }
        if (content.Length > PickupPhoto.MaxBytes)
        {
            throw new DomainRuleException("photo.too_large");
        }
        var courier = await stops.CurrentCourierAsync(ct);
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.AsNoTracking().Where(p => p.Reference == canonical && p.CourierId == courier.Id)
            .Select(p => new { p.Id, p.Status }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("pickup", reference);
        if (pickup.Status != PickupStatus.EnRoute)
        {
            throw new DomainRuleException("pickup.transition_not_allowed");
        }
        var sha = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        if (!await db.PickupPhotos.AnyAsync(p => p.PickupId == pickup.Id && p.Sha256 == sha, ct))
        {
            db.PickupPhotos.Add(new PickupPhoto
            {
                PickupId = pickup.Id, Sha256 = sha, ContentType = type, Content = content, UploadedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
        return sha;
    }
}
