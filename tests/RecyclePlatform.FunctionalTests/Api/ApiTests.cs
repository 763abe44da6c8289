using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

public sealed class ApiTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();
        return problem;
    }

    private async Task<string> RegisterAndLoginAsync(HttpClient client, string password = "a long enough secret")
    {
        var email = $"donor.{Guid.NewGuid():N}@example.org";
        await Mailbox.RegisterConfirmedAsync(factory, email, password);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Answers200Healthy(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_WithTheBearerScheme()
    {
        var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var ui = await client.GetAsync("/swagger/index.html");

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/v1/cities", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/auth/login", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/me", out _).ShouldBeTrue();
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cities_ListsTheEightLaunchCities_WithDistricts()
    {
        var cities = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cities");

        cities.GetArrayLength().ShouldBe(8);
        var beijing = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing");
        beijing.GetProperty("name").GetProperty("zh").GetString().ShouldBe("北京");
        beijing.GetProperty("timeZone").GetString().ShouldBe("Asia/Shanghai");
        beijing.GetProperty("districts").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task Me_WithoutAToken_Is401Problem()
    {
        await ProblemAsync(await factory.CreateClient().GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithAForgedToken_Is401Problem()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownApiPath_Is404Problem()
    {
        await ProblemAsync(await factory.CreateClient().GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem_ForASignedInCaller()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegisterAndLoginAsync(client));

        await ProblemAsync(await client.DeleteAsync("/api/v1/cities"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Register_Login_TokenReachesMe_AsAConsumer()
    {
        var client = factory.CreateClient();
        var token = await RegisterAndLoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Consumer]);
        me.GetProperty("email").GetString()!.ShouldEndWith("@example.org");
    }

    [Fact]
    public async Task DemoCourier_LogsInThroughTheApi()
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoAccounts.EmailFor(Roles.Courier), password = DemoAccounts.DefaultPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Courier]);
    }

    [Fact]
    public async Task Register_WithAShortPassword_Is400ListingTheProblem_InTheCallersLanguage()
    {
        var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(new { email = $"short.{Guid.NewGuid():N}@example.org", password = "short" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);

        var messages = problem.GetProperty("errors").GetProperty("PasswordTooShort");
        messages[0].GetString()!.ShouldContain("密码至少需要 10 个字符");
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_LocksTheAccount()
    {
        var client = factory.CreateClient();
        var email = $"lock.{Guid.NewGuid():N}@example.org";
        await Mailbox.RegisterConfirmedAsync(factory, email, "the right password");

        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a wrong password" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "the right password" });

        var problem = await ProblemAsync(locked, HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("LockedOut");
    }

    [Fact]
    public async Task IdentityManageEndpoints_StayClosed()
    {
        await ProblemAsync(await factory.CreateClient().GetAsync("/api/v1/auth/manage/info"), HttpStatusCode.Unauthorized);
    }
}
