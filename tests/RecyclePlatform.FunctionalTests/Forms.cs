using System.Net;
using System.Text.RegularExpressions;

namespace RecyclePlatform.FunctionalTests;

/// <summary>Posts a page's form the way a browser does: with the antiforgery token the page rendered.</summary>
internal static partial class Forms
{
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        match.Success.ShouldBeTrue($"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = await AntiforgeryTokenAsync(client, tokenFrom ?? path);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
