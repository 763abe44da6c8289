using System.Text;
using RecyclePlatform.Infrastructure.Images;
using SkiaSharp;

namespace RecyclePlatform.UnitTests.Common;

/// <summary>Door photos are decoded for real and stored without what the camera wrote into the file.</summary>
public sealed class ImageSanitizerTests
{
    private static readonly SkiaImageSanitizer Sanitizer = new();

    private static byte[] Encode(SKEncodedImageFormat format, int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(30, 120, 60));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF segment right after the start marker, as a phone camera writes one.</summary>
    private static byte[] JpegWithExif(string secret)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        var payload = Encoding.ASCII.GetBytes("Exif\0\0" + secret);
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/jpeg")]
    public void AWholeImage_IsKept_AsAFreshJpeg(SKEncodedImageFormat format, string stored)
    {
        var clean = Sanitizer.Clean(Encode(format)).ShouldNotBeNull();

        clean.ContentType.ShouldBe(stored);
        using var decoded = SKBitmap.Decode(clean.Content);
        decoded.Width.ShouldBe(64);
        decoded.Height.ShouldBe(48);
    }

    [Fact]
    public void TheCamerasExifAndGpsTags_AreLeftBehind()
    {
        var upload = JpegWithExif("GPSLatitude 39.9042 N GPSLongitude 116.4074 E");
        SKBitmap.Decode(upload).ShouldNotBeNull(); // the upload itself is a valid JPEG

        var clean = Sanitizer.Clean(upload).ShouldNotBeNull();

        Encoding.ASCII.GetString(clean.Content).ShouldNotContain("GPSLatitude");
        Encoding.ASCII.GetString(clean.Content).ShouldNotContain("Exif");
    }

    [Fact]
    public void AFileThatOnlyStartsLikeAnImage_IsRefused()
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        byte[] magicOnly = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("<script>alert(1)</script>")];

        Sanitizer.Clean(magicOnly).ShouldBeNull();
        Sanitizer.Clean(jpeg[..(jpeg.Length / 2)]).ShouldBeNull();
        Sanitizer.Clean(Encoding.ASCII.GetBytes("%PDF-1.7 not a photo")).ShouldBeNull();
        Sanitizer.Clean([]).ShouldBeNull();
    }

    [Fact]
    public void APictureLargerThanAnyPhoneTakes_IsRefusedBeforeItIsDecoded()
    {
        // 8,000 × 8,000 = 64 megapixels: a few kilobytes of PNG that would need 256 MB to decode.
        var huge = Encode(SKEncodedImageFormat.Png, 8_000, 8_000);

        huge.Length.ShouldBeLessThan(5 * 1024 * 1024);
        Sanitizer.Clean(huge).ShouldBeNull();
    }
}
