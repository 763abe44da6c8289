using Microsoft.Extensions.Diagnostics.HealthChecks;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>Readiness: degraded, with the reason, while the sequencer refuses to go on (<see cref="LedgerHealth"/>).</summary>
internal sealed class LedgerHealthCheck(LedgerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.Problem is { } problem ? HealthCheckResult.Degraded("ledger: " + problem) : HealthCheckResult.Healthy());
}
