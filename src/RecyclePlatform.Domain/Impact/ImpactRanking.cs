namespace RecyclePlatform.Domain.Impact;

/// <summary>
/// The order of breakdowns and leaderboards, in Domain so that the app and the verifier rank alike:
/// a verifier can then check that a top-10 list names the right ten, not only that each line's figures hold.
/// </summary>
public static class ImpactRanking
{
    /// <summary>Lines on a leaderboard (districts, teams, partners).</summary>
    public const int Leaders = 10;

    /// <summary>Biggest first by weight at the door (then by sorted weight, for partners), ties by key: the same order on every node.
    /// Scopes with nothing collected, sorted or given out are left out.</summary>
    public static List<(ImpactScope Scope, ImpactFigures Figures)> Top(IEnumerable<(ImpactScope Scope, ImpactFigures Figures)> lines, int count) =>
        [.. lines.Where(l => l.Figures.Pickups > 0 || l.Figures.SortedGrams > 0 || l.Figures.Beneficiaries > 0 || l.Figures.Items > 0)
            .OrderByDescending(l => l.Figures.DoorGrams).ThenByDescending(l => l.Figures.SortedGrams).ThenBy(l => l.Scope.Key, StringComparer.Ordinal).Take(count)];
}
