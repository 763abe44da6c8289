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

    /// <summary>Enough to show the bags at the door from a few sides; more is not evidence, only storage.</summary>
    public const int MaxPerPickup = 5;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PickupId { get; set; }
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }

}

/// <summary>A decoded and re-encoded door photo: its type and the bytes to keep.</summary>
public sealed record CleanImage(string ContentType, byte[] Content);

/// <summary>
/// Decodes an uploaded image completely (a real decoder, not its first bytes) and encodes it again,
/// which drops whatever rode along in the file: EXIF and GPS tags that would name the donor's home.
/// Null when the bytes are not a whole JPEG, PNG or WebP image of a sensible size.
/// </summary>
public interface IImageSanitizer
{
    CleanImage? Clean(byte[] content);
}

/// <summary>Stores a door photo for the courier's own stop before they record the pickup.</summary>
public sealed class AttachPickupPhotoHandler(IAppDbContext db, CourierStops stops, IImageSanitizer images, TimeProvider time)
{
    /// <returns>The stored photo's SHA-256 (lower-case hex), to send with the PickedUp event.</returns>
    public async Task<string> HandleAsync(string reference, byte[] content, CancellationToken ct)
    {
        if (content.Length > PickupPhoto.MaxBytes)
        {
            throw new DomainRuleException(Rules.Photo.TooLarge);
        }
        if (content.Length == 0 || images.Clean(content) is not { } image)
        {
            throw new DomainRuleException(Rules.Photo.NotAnImage);
        }
        var courier = await stops.CurrentCourierAsync(ct);
        var canonical = PickupReference.Normalise(reference) ?? throw new NotFoundException("pickup", reference);
        var pickup = await db.Pickups.AsNoTracking().Where(p => p.Reference == canonical && p.CourierId == courier.Id)
            .Select(p => new { p.Id, p.Status }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("pickup", reference);
        if (pickup.Status != PickupStatus.EnRoute)
        {
            throw new DomainRuleException(Rules.Pickup.TransitionNotAllowed);
        }
        var sha = Convert.ToHexString(SHA256.HashData(image.Content)).ToLowerInvariant();
        if (!await db.PickupPhotos.AnyAsync(p => p.PickupId == pickup.Id && p.Sha256 == sha, ct))
        {
            if (await db.PickupPhotos.CountAsync(p => p.PickupId == pickup.Id, ct) >= PickupPhoto.MaxPerPickup)
            {
                throw new DomainRuleException(Rules.Photo.TooMany);
            }
            db.PickupPhotos.Add(new PickupPhoto
            {
                PickupId = pickup.Id, Sha256 = sha, ContentType = image.ContentType, Content = image.Content, UploadedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
        return sha;
    }
}
