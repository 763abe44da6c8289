using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Infrastructure.BackgroundWork;

namespace RecyclePlatform.FunctionalTests.Nodes;

/// <summary>Two nodes whose jobs fire often, so a few seconds show many firings.</summary>
public sealed class BusyNodes : TwoNodes
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Dispatch:PollSeconds"] = "0.2",
        ["Notifications:PollSeconds"] = "1",
        ["Scheduler:CheckinSeconds"] = "1",
    };
}

/// <summary>The clustered scheduler: each firing of a job runs on one node, never on two at once.</summary>
public sealed class ClusteredJobsTests(BusyNodes nodes) : IClassFixture<BusyNodes>
{
    [Fact]
    public async Task EachFiring_RunsOnOneNode_AndNoJobRunsOnTwoNodesAtOnce()
    {
        var a = nodes.A.Services.GetRequiredService<JobRuns>();
        var b = nodes.B.Services.GetRequiredService<JobRuns>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline
               && (a.Recent.Concat(b.Recent).Count(r => r.Job == BackgroundJob.DispatchRuns) < 20
                   || a.Recent.Concat(b.Recent).All(r => r.Job != BackgroundJob.Notifications)))
        {
            await Task.Delay(250);
        }

        var runs = a.Recent.Select(r => (Node: "a", Run: r)).Concat(b.Recent.Select(r => (Node: "b", Run: r))).ToList();
        runs.Count(r => r.Run.Job == BackgroundJob.DispatchRuns).ShouldBeGreaterThanOrEqualTo(20);
        runs.ShouldContain(r => r.Run.Job == BackgroundJob.Notifications);
        runs.ShouldContain(r => r.Run.Job == BackgroundJob.LedgerSequencer || r.Run.Job == BackgroundJob.Notifications);
        // A firing is one run: its id never appears on both nodes, nor twice on one.
        runs.GroupBy(r => r.Run.FireId).ShouldAllBe(firing => firing.Count() == 1);
        // One at a time across the cluster: no two runs of one job overlap, whichever nodes they ran on.
        foreach (var job in runs.GroupBy(r => r.Run.Job))
        {
            var ordered = job.OrderBy(r => r.Run.Started).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                ordered[i].Run.Started.ShouldBeGreaterThanOrEqualTo(ordered[i - 1].Run.Finished,
                    $"{job.Key} ran on {ordered[i - 1].Node} and {ordered[i].Node} at once");
            }
        }
    }

    [Fact]
    public async Task BothNodesJoinTheCluster_AndTheAdministratorSeesTheJobs()
    {
        var state = await nodes.A.Services.GetRequiredService<IBackgroundJobs>().StateAsync(CancellationToken.None);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (state.Nodes.Count < 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            state = await nodes.A.Services.GetRequiredService<IBackgroundJobs>().StateAsync(CancellationToken.None);
        }

        state.Clustered.ShouldBeTrue();
        state.Running.ShouldBeTrue();
        state.Nodes.Count.ShouldBe(2);
        state.Jobs.Select(j => j.Name).ShouldBe(
            [BackgroundJob.DispatchRuns, BackgroundJob.LedgerSequencer, BackgroundJob.LedgerAudit, BackgroundJob.Notifications,
             BackgroundJob.NotificationRetention], ignoreOrder: true);
        state.Jobs.Single(j => j.Name == BackgroundJob.DispatchRuns).NextRun.ShouldNotBeNull();

        var admin = await DemoData.ApiClientAsync(nodes.B, Roles.Admin);
        var page = nodes.B.CreateBrowserLikeClient();
        await Forms.SignInAsync(page, DemoAccounts.EmailFor(Roles.Admin), DemoAccounts.DefaultPassword);
        var html = await page.GetStringAsync("/Admin/Jobs");
        html.ShouldContain(BackgroundJob.LedgerSequencer);
        html.ShouldContain(state.Nodes[0].Name);
        (await admin.GetAsync("/api/v1/admin/jobs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var consumer = nodes.B.CreateBrowserLikeClient();
        await Forms.SignInAsync(consumer, DemoAccounts.EmailFor(Roles.Consumer), DemoAccounts.DefaultPassword);
        (await consumer.GetAsync("/Admin/Jobs")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found);
    }
}

/// <summary>Two nodes whose optimisation searches take eight seconds, so a node can be stopped in the middle of one.</summary>
public sealed class SlowDispatchNodes : TwoNodes
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Dispatch:MinSearchSeconds"] = "8",
        ["Dispatch:MaxSearchSeconds"] = "8",
        ["Dispatch:PollSeconds"] = "1",
        ["Scheduler:CheckinSeconds"] = "1",
    };
}

public sealed class NodeStoppedMidRunTests(SlowDispatchNodes nodes) : IClassFixture<SlowDispatchNodes>
{
    private static string Tomorrow => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
        .AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ADispatchRunWhoseNodeStops_IsCompletedByTheOtherNode()
    {
        var onA = await DemoData.ApiClientAsync(nodes.A, Roles.Dispatcher);
        var cities = await onA.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var shanghai = cities.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "shanghai").GetProperty("id").GetGuid();
        var started = await onA.PostAsync($"/api/v1/dispatch/cities/{shanghai}/days/{Tomorrow}/runs", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var runUrl = started.Headers.Location!.ToString();

        // Which node took it: Quartz records the executing firing with its node's id.
        string? runningOn = null;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (runningOn is null && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            var run = await onA.GetFromJsonAsync<JsonElement>(runUrl);
            if (run.GetProperty("status").GetString() == "Running")
            {
                runningOn = await ExecutingOnAsync(BackgroundJob.DispatchRuns);
            }
        }
        runningOn.ShouldNotBeNull();
        var (stopping, staying) = runningOn == Id(nodes.A) ? (nodes.A, nodes.B) : (nodes.B, nodes.A);

        await stopping.DisposeAsync(); // a graceful stop, as in a rolling deploy

        var onStaying = await DemoData.ApiClientAsync(staying, Roles.Dispatcher);
        JsonElement finished;
        deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(500);
            finished = await onStaying.GetFromJsonAsync<JsonElement>(runUrl);
        }
        while (finished.GetProperty("status").GetString() is "Queued" or "Running" && DateTimeOffset.UtcNow < deadline);
        finished.GetProperty("status").GetString().ShouldBe("Completed");
        (finished.GetProperty("served").GetInt32() + finished.GetProperty("unserved").GetInt32()).ShouldBe(12);
    }

    private static string Id(TwoNodes.Node node) =>
        node.Services.GetRequiredService<SchedulerHost>().Scheduler?.SchedulerInstanceId ?? "";

    private async Task<string?> ExecutingOnAsync(string job)
    {
        await using var connection = new NpgsqlConnection(nodes.A.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = $1 AND state = 'EXECUTING' LIMIT 1", connection);
        command.Parameters.AddWithValue(job);
        return await command.ExecuteScalarAsync() as string;
    }
}
