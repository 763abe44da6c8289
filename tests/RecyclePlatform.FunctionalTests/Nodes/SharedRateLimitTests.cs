using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Tests;
using RecyclePlatform.Web.Hosting;
using StackExchange.Redis;

namespace RecyclePlatform.FunctionalTests.Nodes;

/// <summary>Two nodes with a booking allowance of three a minute and sign-in attempts of three per address.</summary>
public sealed class TightlyLimitedNodes : TwoNodes
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:BookingsPerUserPerMinute"] = "3",
        ["RateLimits:AccountRequestsPerAddressPerMinute"] = "3",
    };
}

/// <summary>A limit is one limit however many nodes serve it: the count lives in Redis.</summary>
public sealed class SharedRateLimitTests(TightlyLimitedNodes nodes) : IClassFixture<TightlyLimitedNodes>
{
    [Fact]
    public async Task BookingsSpreadOverTwoNodes_ShareOneAllowance()
    {
        var email = $"two.nodes.{Guid.NewGuid():N}@example.org";
        await Mailbox.RegisterConfirmedAsync(nodes.A, email, "a long enough secret");
        var login = await nodes.A.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long enough secret" });
        var token = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var onA = nodes.A.CreateClient();
        var onB = nodes.B.CreateClient();
        onA.DefaultRequestHeaders.Authorization = token;
        onB.DefaultRequestHeaders.Authorization = token;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // An empty booking is refused by validation (400) after the limiter has counted it.
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pickups") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", $"node-{i}");
            var response = await (i % 2 == 0 ? onA : onB).SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter?.Delta.ShouldNotBeNull();
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("rate_limited");
            }
        }

        // Each node alone would have let all six through (three each).
        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        nodes.A.Services.GetRequiredService<RateLimitStore>().Shared.ShouldBeTrue();
    }

    [Fact]
    public async Task SignInAttemptsAtOneAddress_AreCountedAcrossNodes_AndRedisHoldsNoAddress()
    {
        var target = $"guessed.{Guid.NewGuid():N}@example.org";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var node = i % 2 == 0 ? nodes.A : nodes.B;
            statuses.Add((await node.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = target, password = "guess " + i })).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestRedis.Connection);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*" + nodes.A.RedisKeyPrefix + "*").Select(key => (string)key!).ToList();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(key => !key.Contains("guessed", StringComparison.OrdinalIgnoreCase) && !key.Contains('@') && !key.Contains("127.0.0.1"));
    }
}

/// <summary>A node whose Redis is unreachable (nothing listens on the port).</summary>
public sealed class RedisDownWebFactory : RecycleWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The default timeouts: the node must not wait for Redis before falling back.
        builder.UseSetting("Redis:Connection", "127.0.0.1:1");
        builder.UseSetting("RateLimits:BookingsPerUserPerMinute", "2");
    }
}

/// <summary>Without Redis the node still limits (in its own memory) and never answers 500.</summary>
public sealed class RedisDownTests(RedisDownWebFactory factory) : IClassFixture<RedisDownWebFactory>
{
    [Fact]
    public async Task WithRedisAway_TheNodeCountsItself_AndBookingAndSignInStillWork()
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoAccounts.EmailFor(Roles.Consumer), password = DemoAccounts.DefaultPassword });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        var statuses = new List<HttpStatusCode>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pickups") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", $"down-{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        // Not a speed target: a queued command would wait out Redis's 5 s timeout on each of the three.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
