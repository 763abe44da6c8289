using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RecyclePlatform.FunctionalTests.Browser;

internal static class PageChecks
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> CspViolations = [];

    /// <summary>Collects what the browser refused under the Content-Security-Policy (an inline style, a script), for <see cref="ShouldPassAxeAsync"/>.</summary>
    public static void WatchContentSecurityPolicy(this IPage page)
    {
        var refused = CspViolations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (refused)
                {
                    refused.Add($"{page.Url}: {message.Text}");
                }
            }
        };
    }

    /// <summary>
    /// Runs axe on the page as it is now; serious and critical violations fail the test, listed by rule.
    /// Anything the browser refused under the Content-Security-Policy on this page so far fails it too.
    /// </summary>
    public static async Task ShouldPassAxeAsync(this IPage page)
    {
        if (CspViolations.TryGetValue(page, out var refused))
        {
            lock (refused)
            {
                refused.ShouldBeEmpty("the browser refused something under the Content-Security-Policy");
            }
        }
        var result = await page.RunAxe();
        var blocking = result.Violations
            // Serious and critical, and heading order too (moderate for axe): a skipped level breaks the outline screen readers navigate by.
            .Where(v => v.Impact is "serious" or "critical" || v.Id == "heading-order")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        blocking.ShouldBeEmpty($"axe on {page.Url}");
    }

    public static async Task ScreenshotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"),
            FullPage = true,
        });

    /// <summary>A phone-size page must never scroll sideways.</summary>
    public static async Task ShouldFitThePhoneWidthAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            // Name the widest elements that stick out, so the failure says what to fix.
            var culprits = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '')
                        + ' right=' + Math.round(e.getBoundingClientRect().right))
                    .slice(0, 8).join('; ')
                """);
            overflow.ShouldBeLessThanOrEqualTo(0, $"{page.Url} scrolls sideways by {overflow}px: {culprits}");
        }
    }

    /// <summary>Signs a demo account in through the sign-in page, as a person would.</summary>
    public static Task SignInAsDemoAsync(this IPage page, string role) =>
        page.SignInAsync(RecyclePlatform.Application.Accounts.DemoAccounts.EmailFor(role), RecyclePlatform.Application.Accounts.DemoAccounts.DefaultPassword);

    /// <summary>Signs an account in through the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
