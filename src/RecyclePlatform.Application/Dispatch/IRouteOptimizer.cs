using RecyclePlatform.Domain.Dispatch;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Solves a routing problem within a time limit. Implemented with Google OR-Tools in Infrastructure.</summary>
public interface IRouteOptimizer
{
    /// <summary>
    /// Blocks the calling thread for up to <paramref name="timeLimit"/>. On cancellation the outcome
    /// is <see cref="RoutingOutcome.Cancelled"/> and the caller keeps what it had.
    /// </summary>
    RoutePlan Solve(RoutingProblem problem, TimeSpan timeLimit, IProgress<RoutingProgress>? progress, CancellationToken ct);
}
