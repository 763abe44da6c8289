namespace RecyclePlatform.Application.Ledger;

/// <summary>
/// Thrown when the stored tree contradicts what the log has already signed: the sequencer then signs
/// nothing and appends nothing, since a signed checkpoint over a wrong tree can never be withdrawn.
/// </summary>
public sealed class LedgerInconsistentException(string problem) : Exception(problem);

/// <summary>
/// This node's view of whether the ledger can go on: set by the sequencer worker when a round is
/// refused because the stored tree contradicts a signed checkpoint (or the log got shorter than one),
/// cleared when a round succeeds. Readiness reports it as degraded with the reason; /Ledger shows it.
/// </summary>
public sealed class LedgerHealth
{
    private volatile string? _problem;

    /// <summary>Why the ledger stopped, or null while it runs.</summary>
    public string? Problem => _problem;

    public void Broken(string problem) => _problem = problem;

    public void Running() => _problem = null;
}
