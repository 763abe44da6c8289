using RecyclePlatform.Application.Pickups;
using SkiaSharp;

namespace RecyclePlatform.Infrastructure.Images;

/// <summary>
/// Google's Skia decoders (SkiaSharp): the header is read first, so a "decompression bomb" (a small
/// file claiming a huge picture) is refused before any pixel is decoded; then the whole image is
/// decoded, so a file that only starts like an image is refused too. It is stored as a fresh JPEG
/// (or PNG when it has transparency), which leaves the camera's EXIF and GPS tags behind.
/// </summary>
public sealed class SkiaImageSanitizer : IImageSanitizer
{
    /// <summary>A 48-megapixel phone camera, with room to spare.</summary>
    public const long MaxPixels = 50_000_000;

    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    public CleanImage? Clean(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat)
            || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            return null; // a truncated or corrupt file (IncompleteInput, InvalidInput) is not a photo of anything
        }
        using var image = SKImage.FromBitmap(bitmap);
        var transparent = codec.Info.AlphaType != SKAlphaType.Opaque && codec.EncodedFormat != SKEncodedImageFormat.Jpeg;
        using var encoded = transparent ? image.Encode(SKEncodedImageFormat.Png, 100) : image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return encoded is null ? null : new CleanImage(transparent ? "image/png" : "image/jpeg", encoded.ToArray());
    }
}
