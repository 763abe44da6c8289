namespace RecyclePlatform.Application.Accounts;

/// <summary>
/// Whether demo data (one account per role, sharing a public password) is switched on.
/// Read from configuration by Infrastructure; pages use it to list the demo accounts.
/// </summary>
/// <param name="History">Also a past campaign and a running one with their custody history on the ledger (off in most tests).</param>
public sealed record DemoAccounts(bool Enabled, string Password, bool History = true)
{
    public const string Domain = "demo.test";
    public const string DefaultPassword = "Recycle-Demo-2026";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@{Domain}";
}
