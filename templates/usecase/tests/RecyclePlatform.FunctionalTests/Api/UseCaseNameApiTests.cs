using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RecyclePlatform.Application.Accounts;

namespace RecyclePlatform.FunctionalTests.Api;

/// <summary>POST /api/v1/resource-path through the whole app: answers, problems and the role it needs.</summary>
public sealed class UseCaseNameApiTests(RecycleWebFactory factory) : IClassFixture<RecycleWebFactory>
{
    private const string Route = "/api/v1/resource-path";

    private async Task<Guid> DemoCityIdAsync()
    {
        var cities = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/cities");
        return cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "beijing").GetProperty("id").GetGuid();
    }

    // TODO(template): a body that passes every rule, kept in step with the command's fields.
    private static object Body(Guid cityId, string name = "Spring clothing drive") => new { cityId, name };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task UseCaseName_AValidBody_Returns201_LinkingToTheNewNounName()
    {
        var client = await DemoData.ApiClientAsync(factory, Roles.RequiredRole);

        var response = await client.PostAsJsonAsync(Route, Body(await DemoCityIdAsync()));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        response.Headers.Location.ShouldNotBeNull().AbsolutePath.ShouldBe($"{Route}/{id}");
        (await client.GetAsync(response.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UseCaseName_WithoutAName_Is400_NamingTheField()
    {
        var client = await DemoData.ApiClientAsync(factory, Roles.RequiredRole);

        var problem = await ProblemAsync(await client.PostAsJsonAsync(Route, Body(await DemoCityIdAsync(), name: "")), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task UseCaseName_WhenADomainRuleIsBroken_IsAProblemWithItsCode()
    {
        var client = await DemoData.ApiClientAsync(factory, Roles.RequiredRole);
        // TODO(template): arrange a state in which the domain refuses the body, then name the rule's code and its
        // status (ErrorMessages.StatusFor: 409, or 422 for a request that can never work as sent) below.
        Assert.Fail("Fill in: arrange a state that breaks one of the domain's rules for UseCaseName.");

        var problem = await ProblemAsync(await client.PostAsJsonAsync(Route, Body(await DemoCityIdAsync())), HttpStatusCode.Conflict);

        problem.GetProperty("code").GetString().ShouldBe("code_prefix.TODO");
    }

    [Fact]
    public async Task UseCaseName_AsAnotherRole_Is403()
    {
        var client = await DemoData.ApiClientAsync(factory, Roles.AnotherRole);

        var response = await client.PostAsJsonAsync(Route, Body(await DemoCityIdAsync()));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
