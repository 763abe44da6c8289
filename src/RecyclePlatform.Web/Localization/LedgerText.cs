using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Web;

/// <summary>Maps the ledger's wire names ("received_at_hub") to the enum names resource keys use.</summary>
public static class LedgerText
{
    private static readonly Dictionary<string, string> Kinds =
        Enum.GetValues<LedgerEntryKind>().ToDictionary(CustodyEntry.KindName, k => k.ToString(), StringComparer.Ordinal);

    public static string Kind(string wireName) => Kinds.GetValueOrDefault(wireName, nameof(LedgerEntryKind.Correction));
}
