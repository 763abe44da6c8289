using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.Infrastructure.Seeding;

/// <summary>
/// Demo data exists only where configuration asks: on by default in Development, off
/// elsewhere. The shared password is public (README), so it must never reach production data.
/// </summary>
public static class DemoDataSettings
{
    public const string EnabledKey = "DemoData:Enabled";
    public const string PasswordKey = "DemoData:Password";

    /// <summary>With demo data, also campaigns with a custody history on the ledger (default true).</summary>
    public const string HistoryKey = "DemoData:History";

    public static DemoAccounts Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[EnabledKey];
        bool enabled;
        if (string.IsNullOrWhiteSpace(text))
        {
            enabled = environment.IsDevelopment();
        }
        else if (!bool.TryParse(text, out enabled))
        {
            throw new InvalidOperationException($"{EnabledKey} is '{text}'; use true or false.");
        }
        var password = configuration[PasswordKey];
        var history = configuration[HistoryKey] is not { Length: > 0 } historyText || (bool.TryParse(historyText, out var on)
            ? on : throw new InvalidOperationException($"{HistoryKey} is '{historyText}'; use true or false."));
        return new DemoAccounts(enabled, string.IsNullOrWhiteSpace(password) ? DemoAccounts.DefaultPassword : password, history);
    }
}
