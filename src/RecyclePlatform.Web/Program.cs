using RecyclePlatform.Application;
using RecyclePlatform.Infrastructure;
using RecyclePlatform.Web;
using RecyclePlatform.Web.Hosting;

// `dotnet RecyclePlatform.Web.dll migrate` applies migrations (and demo data where enabled) and exits:
// the explicit step production runs before starting new nodes.
var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);

try
{
    var builder = WebApplication.CreateBuilder(args);
    // Outside Development a run from build output (tests, `dotnet run` in Production) would serve
    // empty compressed CSS; on published output this is a no-op.
    builder.WebHost.UseStaticWebAssets();
    // No "Server: Kestrel" header: it tells an attacker what to try and nobody else anything.
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    builder.AddLogging();
    builder.Services.AddApplication();
    builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
    builder.Services.AddWeb(builder.Configuration);

    var app = builder.Build();
    app.UseWeb();

    await app.InitialiseDatabaseAsync(migrateOnly);
    if (migrateOnly)
    {
        return 0;
    }
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // Bad configuration names the setting in its message; put it where an operator looks first.
    await Console.Error.WriteLineAsync($"RecyclePlatform could not start: {ex.Message}");
    throw;
}

/// <summary>Visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
