using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Impact;
using RecyclePlatform.Domain.Ledger;
using RecyclePlatform.Domain.Partners;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.UnitTests.Impact;

/// <summary>The fold's rules on hand-made entries, written by the same records the app writes them with.</summary>
public sealed class ImpactFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Hub = Guid.Parse("01a223f9-f629-7ad9-be3e-291d65df4c99");
    private static readonly Guid Campaign = Guid.Parse("0193a000-0000-7000-8000-00000000c001");
    private static readonly Guid TeamA = Guid.Parse("0193a000-0000-7000-8000-00000000a001");
    private static readonly Guid TeamB = Guid.Parse("0193a000-0000-7000-8000-00000000a002");
    private static readonly Guid TeamC = Guid.Parse("0193a000-0000-7000-8000-00000000a003");
    private static readonly Guid Charity = Guid.Parse("0193a000-0000-7000-8000-00000000b001");
    private static readonly Guid OtherCharity = Guid.Parse("0193a000-0000-7000-8000-00000000b002");

    [Fact]
    public void ALot_IsSharedInProportionToDoorWeight_RoundedHalfToEven()
    {
        var lot = Guid.CreateVersion7();
        var fold = Fold(
            Door(1, 1000, team: TeamA),
            Door(2, 3000, team: TeamB),
            Sorted(lot, LotStream.Reuse, 10, 1, 2), // 2.5 g and 7.5 g: to even, 2 and 8
            Sorted(Guid.CreateVersion7(), LotStream.Recycle, 10_001, 1, 2), // 2,500.25 g and 7,500.75 g
            Distributed(lot, items: 1, beneficiaries: 3));

        var a = fold.Figures(ImpactScope.OfTeam(TeamA));
        var b = fold.Figures(ImpactScope.OfTeam(TeamB));
        (a.ReuseGrams, b.ReuseGrams).ShouldBe((2, 8));
        (a.RecycleGrams, b.RecycleGrams).ShouldBe((2500, 7501));
        (a.Items, a.Beneficiaries, b.Items, b.Beneficiaries).ShouldBe((0.25m, 0.75m, 0.75m, 2.25m));
        // The platform gets whole lots, not the sum of rounded shares.
        var platform = fold.Figures(ImpactScope.Platform);
        (platform.ReuseGrams, platform.RecycleGrams, platform.Beneficiaries).ShouldBe((10, 10_001, 3m));
        (platform.Pickups, platform.DoorGrams).ShouldBe((2, 4000));
        // A donor's own share is the same part.
        fold.Pickup(Commitment(1).Code)!.ShouldSatisfyAllConditions(
            p => p.ReuseGrams.ShouldBe(2), p => p.RecycleGrams.ShouldBe(2500), p => p.PeopleReached.ShouldBe(3), p => p.Lots.ShouldBe(2));
    }

    [Fact]
    public void CountsShared_ByThirds_AreRoundedToOneTenThousandth()
    {
        var lot = Guid.CreateVersion7();
        var fold = Fold(Door(1, 500, team: TeamA), Door(2, 500, team: TeamB), Door(3, 500, team: TeamC),
            Sorted(lot, LotStream.Reuse, 1500, 1, 2, 3), Distributed(lot, items: 1, beneficiaries: 2));

        fold.Figures(ImpactScope.OfTeam(TeamA)).Items.ShouldBe(0.3333m);
        fold.Figures(ImpactScope.OfTeam(TeamA)).Beneficiaries.ShouldBe(0.6667m);
        fold.Figures(ImpactScope.Platform).Items.ShouldBe(1m);
    }

    [Fact]
    public void ALot_IsSharedEqually_WhenNoDoorWeightIsKnown()
    {
        var fold = Fold(Door(1, 0, team: TeamA), Door(2, 0, team: TeamB), Door(3, 0, team: TeamC),
            Sorted(Guid.CreateVersion7(), LotStream.Reuse, 9000, 1, 2, 3));

        fold.Figures(ImpactScope.OfTeam(TeamA)).ReuseGrams.ShouldBe(3000);
        fold.Figures(ImpactScope.OfTeam(TeamB)).ReuseGrams.ShouldBe(3000);
        fold.Figures(ImpactScope.OfTeam(TeamC)).ReuseGrams.ShouldBe(3000);
        fold.Figures(ImpactScope.OfCity("beijing")).ReuseGrams.ShouldBe(9000);
    }

    [Fact]
    public void ACorrectedDoorWeight_ChangesTheSharesOfLotsAlreadySorted()
    {
        var fold = new ImpactFold();
        FoldMore(fold, Door(1, 1000, team: TeamA), Door(2, 1000, team: TeamB), Sorted(Guid.CreateVersion7(), LotStream.Reuse, 4000, 1, 2));
        fold.Figures(ImpactScope.OfTeam(TeamA)).ReuseGrams.ShouldBe(2000);

        FoldMore(fold, Correction(0, CorrectionReason.WrongWeight, new CorrectedFields(Grams: 3000)));

        var a = fold.Figures(ImpactScope.OfTeam(TeamA));
        (a.DoorGrams, a.ReuseGrams).ShouldBe((3000, 3000));
        fold.Figures(ImpactScope.OfTeam(TeamB)).ReuseGrams.ShouldBe(1000);
        fold.Figures(ImpactScope.Platform).ShouldSatisfyAllConditions(p => p.DoorGrams.ShouldBe(4000), p => p.ReuseGrams.ShouldBe(4000));
        fold.Pickup(Commitment(1).Code)!.ReuseGrams.ShouldBe(3000);
    }

    [Fact]
    public void EnteredTwice_VoidsTheEntry()
    {
        var lot = Guid.CreateVersion7();
        var fold = new ImpactFold();
        FoldMore(fold,
            Door(1, 2000, team: TeamA, district: "chaoyang"),
            Door(2, 2000, team: TeamB),
            Sorted(lot, LotStream.Reuse, 4000, 1, 2),
            Distributed(lot, items: 10, beneficiaries: 4),
            Distributed(lot, items: 10, beneficiaries: 4));

        FoldMore(fold, Correction(0, CorrectionReason.EnteredTwice, new CorrectedFields()), Correction(4, CorrectionReason.EnteredTwice, new CorrectedFields()));

        fold.Figures(ImpactScope.OfTeam(TeamA)).ShouldBe(ImpactFigures.Zero);
        fold.Figures(ImpactScope.OfDistrict("beijing", "chaoyang")).ShouldBe(ImpactFigures.Zero);
        fold.Pickup(Commitment(1).Code).ShouldBeNull();
        // The whole lot now goes to the one pickup left; the platform keeps the lot and one distribution.
        var b = fold.Figures(ImpactScope.OfTeam(TeamB));
        (b.ReuseGrams, b.Items, b.Beneficiaries).ShouldBe((4000, 10m, 4m));
        var platform = fold.Figures(ImpactScope.Platform);
        (platform.Pickups, platform.DoorGrams, platform.ReuseGrams, platform.Beneficiaries).ShouldBe((1, 2000, 4000, 4m));
    }

    [Fact]
    public void ACorrectedAllocationPartner_MovesTheLotBetweenPartners()
    {
        var lot = Guid.CreateVersion7();
        var fold = new ImpactFold();
        FoldMore(fold, Door(1, 2000), Sorted(lot, LotStream.Reuse, 1800, 1), Allocated(lot, Charity), Distributed(lot, items: 6, beneficiaries: 2));
        fold.Figures(ImpactScope.OfPartner(Charity)).ReuseGrams.ShouldBe(1800);

        FoldMore(fold, Correction(2, CorrectionReason.WrongPartner, new CorrectedFields(Partner: OtherCharity)));

        fold.Figures(ImpactScope.OfPartner(Charity)).SortedGrams.ShouldBe(0);
        var other = fold.Figures(ImpactScope.OfPartner(OtherCharity));
        (other.ReuseGrams, other.Items, other.Beneficiaries).ShouldBe((1800, 6m, 2m));
        ImpactRanking.Top(fold.Breakdown(null, ScopeKind.Partner), ImpactRanking.Leaders).Select(l => l.Scope.Key).ShouldBe([OtherCharity.ToString("D")]);
    }

    [Fact]
    public void ADoor_CountsForItsCampaign_Team_CityAndDistrict_AndForAllTime()
    {
        var day2 = At.AddDays(1);
        var fold = Fold(
            Door(1, 1000, campaign: Campaign, team: TeamA, district: "chaoyang"),
            Door(2, 2000, campaign: Campaign, district: "haidian", at: day2),
            Door(3, 4000, team: TeamA, district: "chaoyang"),
            Door(4, 8000, city: "shanghai"),
            Sorted(Guid.CreateVersion7(), LotStream.Recycle, 3000, 1, 2, 3));

        var campaign = fold.Figures(ImpactScope.OfCampaign(Campaign));
        (campaign.Pickups, campaign.DoorGrams, campaign.RecycleGrams).ShouldBe((2, 3000, 1286)); // 3000 × 3000/7000 = 1285.7
        fold.Figures(ImpactScope.OfCity("beijing", Campaign)).DoorGrams.ShouldBe(3000);
        fold.Figures(ImpactScope.OfCity("beijing")).DoorGrams.ShouldBe(7000);
        fold.Figures(ImpactScope.OfCity("shanghai", Campaign)).Pickups.ShouldBe(0);
        fold.Figures(ImpactScope.OfDistrict("beijing", "chaoyang", Campaign)).DoorGrams.ShouldBe(1000);
        fold.Figures(ImpactScope.OfDistrict("beijing", "chaoyang")).DoorGrams.ShouldBe(5000);
        fold.Figures(ImpactScope.OfTeam(TeamA, Campaign)).ShouldSatisfyAllConditions(t => t.DoorGrams.ShouldBe(1000), t => t.RecycleGrams.ShouldBe(429));
        fold.Figures(ImpactScope.OfTeam(TeamA)).ShouldSatisfyAllConditions(t => t.DoorGrams.ShouldBe(5000), t => t.RecycleGrams.ShouldBe(2143));
        fold.Breakdown(Campaign, ScopeKind.City).Select(c => c.Scope.Key).ShouldBe(["beijing"]);
        fold.Breakdown(Campaign, ScopeKind.District).Select(c => c.Scope.Key).ShouldBe(["beijing/chaoyang", "beijing/haidian"], ignoreOrder: true);
        fold.Days(ImpactScope.OfCampaign(Campaign)).ShouldBe(new (DateOnly, long)[] { (DateOnly.FromDateTime(At.UtcDateTime), 1000), (DateOnly.FromDateTime(day2.UtcDateTime), 2000) });
        fold.Days(ImpactScope.Platform).Sum(d => d.Grams).ShouldBe(15_000);
    }

    [Fact]
    public void CO2eAndWater_UseTheLatestFactorTable()
    {
        var fold = new ImpactFold();
        FoldMore(fold, Factors(1, reuse: (1000, 100)), Door(1, 2000), Sorted(Guid.CreateVersion7(), LotStream.Reuse, 2000, 1),
            Sorted(Guid.CreateVersion7(), LotStream.Waste, 500, 1));
        fold.Figures(ImpactScope.Platform).ShouldSatisfyAllConditions(p => p.Co2eGrams.ShouldBe(2000 + 125), p => p.WaterLitres.ShouldBe(200 + 25));

        FoldMore(fold, Factors(2, reuse: (3500, 7)));

        fold.Factors!.Version.ShouldBe(2);
        // Every total uses the table in force now, including lots sorted before it: 2 kg × 3,500 g + 0.5 kg × 250 g.
        var platform = fold.Figures(ImpactScope.Platform);
        (platform.Co2eGrams, platform.WaterLitres).ShouldBe((7000 + 125, 14 + 1)); // 0.5 kg × 2 L = 1 L
        fold.Pickup(Commitment(1).Code)!.Co2eGrams.ShouldBe(7125);
    }

    [Fact]
    public void FoldingALogInAnyBatches_GivesExactlyWhatFoldingItAtOnceGives()
    {
        var cases = Gen.Choose(0, int.MaxValue).SelectMany(seed => Gen.Choose(30, 160).SelectMany(length =>
            Gen.ListOf(Gen.Choose(1, 25), 40).Select(cuts => (Seed: seed, Length: length, Cuts: cuts.ToArray()))));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var log = RandomLog(new Random(c.Seed), c.Length);
            var once = new ImpactFold();
            once.Fold(log.Select((body, i) => ((long)i, body)));
            var batched = new ImpactFold();
            var at = 0;
            foreach (var cut in c.Cuts.Append(log.Count))
            {
                var take = Math.Min(cut, log.Count - at);
                batched.Fold(log.Skip(at).Take(take).Select((body, i) => ((long)(at + i), body)));
                at += take;
            }
            batched.Size.ShouldBe(log.Count);
            Snapshot(batched).ShouldBe(Snapshot(once));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Every scope's figures, every pickup's share, and the days, as values (records compare decimals by value, so 0.5000
    /// and 0.5 are equal). Scopes at zero are left out: a batched fold may have created one that the other never did.
    /// </summary>
    private static List<object> Snapshot(ImpactFold fold)
    {
        var campaigns = new Guid?[] { null, Campaign, Guid.Parse("0193a000-0000-7000-8000-00000000c002") };
        var scopes = new List<ImpactScope> { ImpactScope.Platform };
        foreach (var campaign in campaigns)
        {
            if (campaign is { } k)
            {
                scopes.Add(ImpactScope.OfCampaign(k));
            }
            foreach (var kind in new[] { ScopeKind.City, ScopeKind.District, ScopeKind.Team, ScopeKind.Partner })
            {
                scopes.AddRange(fold.Breakdown(campaign, kind).Select(l => l.Scope));
            }
        }
        return [.. scopes.Where(s => fold.Figures(s) != ImpactFigures.Zero).Distinct().OrderBy(s => s.ToString(), StringComparer.Ordinal)
            .Select(s => (object)(s.ToString(), fold.Figures(s)))
            .Concat(Enumerable.Range(0, 60).Select(n => (object)($"pickup {n}", fold.Pickup(Commitment(n).Code))))
            .Concat(campaigns.Select(k => k is { } id ? ImpactScope.OfCampaign(id) : ImpactScope.Platform)
                .Select(s => (object)$"{s} days: {string.Join(", ", fold.Days(s))}"))
            .Append($"factors: {fold.Factors?.Version}")];
    }

    /// <summary>
    /// Doors (some collected twice, some of weight 0), lots naming earlier and later pickups, lots sorted again,
    /// allocations, distributions, factor tables, and corrections of any earlier entry (also of ones they cannot correct).
    /// </summary>
    private static List<byte[]> RandomLog(Random random, int length)
    {
        var campaigns = new Guid?[] { null, Campaign, Guid.Parse("0193a000-0000-7000-8000-00000000c002") };
        var teams = new Guid?[] { null, TeamA, TeamB, TeamC };
        var lots = Enumerable.Range(0, 8).Select(_ => Guid.CreateVersion7()).ToArray();
        var partners = new[] { Charity, OtherCharity };
        var log = new List<byte[]>();
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        while (log.Count < length)
        {
            var lot = Pick(lots);
            log.Add(random.Next(100) switch
            {
                < 40 => Door(random.Next(40), random.Next(4) == 0 ? 0 : random.Next(1, 20_000), city: Pick(["beijing", "shanghai"]),
                    district: Pick<string?>([null, "chaoyang", "haidian"]), campaign: Pick(campaigns), team: Pick(teams), at: At.AddDays(random.Next(3))),
                < 55 => Sorted(lot, Pick([LotStream.Reuse, LotStream.Recycle, LotStream.Waste]), random.Next(0, 50_000),
                    [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(45))]),
                < 63 => Allocated(lot, Pick(partners)),
                < 73 => Distributed(lot, random.Next(0, 50), random.Next(0, 9)),
                < 76 => Factors(random.Next(1, 5), reuse: (random.Next(0, 5000), random.Next(0, 100))),
                _ when log.Count == 0 => Door(0, 1000),
                _ => Correction(random.Next(log.Count), Pick([CorrectionReason.WrongWeight, CorrectionReason.WrongCount, CorrectionReason.WrongPartner,
                    CorrectionReason.EnteredTwice]), random.Next(4) switch
                    {
                        0 => new CorrectedFields(Grams: random.Next(0, 20_000)),
                        1 => new CorrectedFields(Bags: random.Next(1, 5), Items: random.Next(0, 50), Beneficiaries: random.Next(0, 9)),
                        2 => new CorrectedFields(Partner: Pick(partners)),
                        _ => new CorrectedFields(),
                    }),
            });
        }
        return log;
    }

    private static ImpactFold Fold(params byte[][] entries)
    {
        var fold = new ImpactFold();
        FoldMore(fold, entries);
        return fold;
    }

    private static void FoldMore(ImpactFold fold, params byte[][] entries)
    {
        var first = fold.Size;
        fold.Fold(entries.Select((body, i) => (first + i, body)));
    }

    private static HexDigest Commitment(int pickup) => HexDigest.Of(SHA256.HashData(BitConverter.GetBytes(pickup)));

    private static byte[] Door(int pickup, long grams, string city = "beijing", string? district = null, Guid? campaign = null, Guid? team = null,
        DateTimeOffset? at = null) =>
        new CollectedEntry(at ?? At, CityCode.Parse(city), Hub, Commitment(pickup), 2, grams, [], null)
        {
            District = district is null ? null : CityCode.Parse(district),
            Campaign = campaign,
            Team = team,
        }.ToLedgerEntry().Body;

    private static byte[] Sorted(Guid lot, LotStream stream, long grams, params int[] pickups) =>
        new SortedEntry(At, Hub, lot, stream, grams, [ItemCategories.Clothing], [.. pickups.Select(Commitment)]).ToLedgerEntry().Body;

    private static byte[] Allocated(Guid lot, Guid partner) => new AllocatedEntry(At, lot, partner, PartnerKind.Charity, 1000).ToLedgerEntry().Body;

    private static byte[] Distributed(Guid lot, int items, int beneficiaries) =>
        new DistributedEntry(At, lot, Charity, Guid.Parse("0193a000-0000-7000-8000-00000000d001"), new DateOnly(2026, 11, 30), RegionCode.Parse("110105"),
            items, beneficiaries).ToLedgerEntry().Body;

    private static byte[] Correction(long corrects, CorrectionReason reason, CorrectedFields fields) =>
        CorrectionEntry.For(At, corrects, "subject", reason, fields).ToLedgerEntry().Body;

    /// <summary>A table with the given reuse factors; recycle 500 g CO2e and 4 L per kg; waste 250 g and 50 L in version 1, 250 g and 2 L after.</summary>
    private static byte[] Factors(int version, (long Co2e, long Water) reuse) =>
        new ImpactFactorsEntry(At, version,
            [new StreamFactor(LotStream.Reuse, reuse.Co2e, reuse.Water), new StreamFactor(LotStream.Recycle, 500, 4), new StreamFactor(LotStream.Waste, 250, version == 1 ? 50 : 2)],
            HexDigest.Of(SHA256.HashData(BitConverter.GetBytes(version)))).ToLedgerEntry().Body;
}
