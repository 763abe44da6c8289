using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Pickups;

namespace RecyclePlatform.Web.Pages.Pickups;

/// <summary>One printable label per bag; its QR code carries the label id the courier scans at the door.</summary>
public sealed class LabelsModel(PickupQueries pickups, ICurrentUser user) : PageModel
{
    public sealed record LabelView(string Id, int Number, string Svg);

    public string Reference { get; private set; } = "";
    public IReadOnlyList<LabelView> Labels { get; private set; } = [];

    public async Task OnGetAsync(string reference, CancellationToken ct)
    {
        var pickup = await pickups.GetMineAsync(user.Id!.Value, reference, ct);
        Reference = pickup.Reference;
        Labels = [.. pickup.Labels.Select((id, i) => new LabelView(id, i + 1, QrSvg(id)))];
    }

    /// <summary>An SVG (no script, no external reference) so labels print sharp at any size and pass the CSP.</summary>
    internal static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
