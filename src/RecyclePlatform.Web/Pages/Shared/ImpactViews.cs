using RecyclePlatform.Application.Impact;
using RecyclePlatform.Domain.Impact;

namespace RecyclePlatform.Web.Pages.Shared;

/// <summary>What <c>_CheckpointLine</c> shows: the checkpoint the totals were computed at and the verifier's arguments that recompute them.</summary>
public sealed record CheckpointLine(ImpactCheckpoint Checkpoint, string VerifierArguments);

/// <summary>What <c>_ImpactFigures</c> shows: a scope's totals, the factor table they used, and a prefix for element ids.</summary>
public sealed record ImpactFiguresView(ImpactFigures Figures, FactorTable? Factors, string Id);

/// <summary>What <c>_ImpactStory</c> tells a donor about one of their pickups: its share of the lots, or what happens next.</summary>
public sealed record DonorStory(PickupImpact? Impact, FactorTable? Factors, bool Collected, bool Open)
{
    /// <summary>The story of the donor's pickup <paramref name="reference"/> (as typed or formatted), from their own impact.</summary>
    public static DonorStory For(DonorImpact mine, string reference, bool collected, bool open)
    {
        var normal = Domain.Pickups.PickupReference.Normalise(reference);
        var impact = mine.Pickups.FirstOrDefault(p => Domain.Pickups.PickupReference.Normalise(p.Reference) == normal).Impact;
        return new DonorStory(impact, mine.Factors, collected, open);
    }
}
