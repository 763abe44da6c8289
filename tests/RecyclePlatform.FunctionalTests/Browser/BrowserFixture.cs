using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace RecyclePlatform.FunctionalTests.Browser;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright. Playwright's own
/// browser download is never used: RECYCLE_TEST_CHROMIUM (or /usr/bin/chromium) is launched.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly RecycleWebFactory _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app under test, for arranging data through its API.</summary>
    public RecycleWebFactory App => _app;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        // Warm the server (first requests compile views and fill pools) before a browser waits on it.
        using (var warm = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            (await warm.GetAsync("/Account/Login")).EnsureSuccessStatusCode();
        }

        var chromium = Environment.GetEnvironmentVariable("RECYCLE_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}: run `bash scripts/test.sh`, which installs it.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser session at laptop size (1280 × 800), as dispatchers and hub staff use it.</summary>
    public Task<IPage> NewLaptopPageAsync(string locale = "en-US") => NewPageAsync(1280, 800, phone: false, locale);

    /// <summary>A fresh browser session at phone size (360 × 740), as most donors and couriers use it.</summary>
    public Task<IPage> NewPhonePageAsync(string locale = "en-US") => NewPageAsync(360, 740, phone: true, locale);

    private async Task<IPage> NewPageAsync(int width, int height, bool phone, string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = locale,
        });
        // Pages render on the server in milliseconds; a long wait only hides a failure.
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.WatchContentSecurityPolicy();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    private static string FindScreenshotFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecyclePlatform.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, ".test-output", "screenshots")).FullName;
            }
        }
        return Directory.CreateTempSubdirectory("rp-screenshots-").FullName;
    }
}
