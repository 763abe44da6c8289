using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Web.Pages.Ledger;

[AllowAnonymous]
public sealed class EntryModel(LedgerQueries ledger) : PageModel
{
    public ProvenEntryDto Entry { get; private set; } = null!;

    public async Task OnGetAsync(long index, CancellationToken ct) => Entry = await ledger.EntryAsync(index, ct);

    /// <summary>The entry's members as label and text, arrays joined; the raw JSON is shown too.</summary>
    public static IEnumerable<(string Name, string Value)> Fields(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.Array => string.Join(", ", property.Value.EnumerateArray().Select(v => v.ToString())),
                JsonValueKind.Object => property.Value.GetRawText(),
                _ => property.Value.ToString(),
            };
            yield return (property.Name, value);
        }
    }
}
