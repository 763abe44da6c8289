using System.Text;
using System.Text.Json.Nodes;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.UnitTests.Ledger;

public sealed class LedgerFormatTests
{
    [Fact]
    public void CanonicalJson_SortsByUtf16CodeUnits_AsRfc8785Section3_2_3()
    {
        // The RFC's sorting example: property names that sort differently by code point and by UTF-16 unit.
        var node = JsonNode.Parse("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}");

        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(node));

        var values = JsonNode.Parse(text)!.AsObject().Select(p => p.Value!.GetValue<string>()).ToList();
        values.ShouldBe(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"]);
        text.ShouldStartWith("{\"\\r\":");
    }

    [Fact]
    public void CanonicalJson_EscapesOnlyWhatTheRfcEscapes()
    {
        var node = new JsonObject { ["b"] = "tab\there \"quoted\" \\ \u0001 \u00e9 中文", ["a"] = new JsonArray(1, -5, true, null), ["c"] = 0 };

        Encoding.UTF8.GetString(CanonicalJson.Serialize(node))
            .ShouldBe("{\"a\":[1,-5,true,null],\"b\":\"tab\\there \\\"quoted\\\" \\\\ \\u0001 \u00e9 中文\",\"c\":0}");
    }

    [Fact]
    public void CanonicalJson_RefusesFractionsAndUnsafeIntegers()
    {
        Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["kg"] = 1.5m }));
        Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["n"] = long.MaxValue }));
        Should.Throw<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["s"] = "\ud800" }));
    }

    [Fact]
    public void CustodyEntry_IsCanonical_AndCarriesTheCommitmentNotTheDonor()
    {
        var opening = DonorCommitment.Opening(new byte[32], "ABCD1234X");
        var commitment = DonorCommitment.Commitment(opening);
        var first = DonorCommitment.LabelCommitment(opening, "ABCD1234X-01");
        var second = DonorCommitment.LabelCommitment(opening, "ABCD1234X-02");
        var entry = new CollectedEntry(new DateTimeOffset(2026, 11, 28, 9, 30, 15, 123, TimeSpan.FromHours(8)), CityCode.Parse("shanghai"),
            Guid.Parse("0190c6a8-0000-7000-8000-000000000001"), HexDigest.Parse(commitment), 2, 7250, [second, first], null).ToLedgerEntry();

        var labels = new[] { first.Code, second.Code }.Order(StringComparer.Ordinal).ToArray();
        Encoding.UTF8.GetString(entry.Body).ShouldBe(
            "{\"at\":\"2026-11-28T01:30:15Z\",\"bags\":2,\"city\":\"shanghai\",\"grams\":7250,\"hub\":\"0190c6a8-0000-7000-8000-000000000001\"," +
            "\"kind\":\"collected\",\"labelCommitments\":[\"" + labels[0] + "\",\"" + labels[1] + "\"],\"pickup\":\"" + commitment + "\",\"v\":3}");
        entry.Subject.ShouldBe(commitment);
        // The labels printed on the bags (and so the pickup reference) are not in the entry.
        Encoding.UTF8.GetString(entry.Body).ShouldNotContain("ABCD1234X");
        // Re-serialising the parsed entry gives the same bytes: it is already canonical.
        CanonicalJson.Serialize(JsonNode.Parse(entry.Body)).ShouldBe(entry.Body);
    }

    [Fact]
    public void DonorCommitment_OpensWithTheReceiptCode_AndDependsOnSaltAndPickup()
    {
        var salt = DonorCommitment.NewSalt();
        var opening = DonorCommitment.Opening(salt, "ABCD1234X");
        var code = DonorCommitment.ReceiptCode(opening);

        code.Length.ShouldBe(22);
        DonorCommitment.TryReadReceiptCode(code, out var read).ShouldBeTrue();
        DonorCommitment.Commitment(read).ShouldBe(DonorCommitment.Commitment(opening));
        DonorCommitment.Opening(salt, "ABCD1234Y").ShouldNotBe(opening);
        DonorCommitment.Opening(DonorCommitment.NewSalt(), "ABCD1234X").ShouldNotBe(opening);
        DonorCommitment.TryReadReceiptCode("not a code", out _).ShouldBeFalse();
        DonorCommitment.TryReadReceiptCode(code + "A", out _).ShouldBeFalse();
    }

    [Fact]
    public void OversizedEntry_IsRefused()
    {
        // A sort naming 1,000 pickups is over the 64 KiB an entry bundle allows.
        var pickups = Enumerable.Range(0, 1_000).Select(i => HexDigest.Parse($"{i:x64}")).ToList();
        Should.Throw<DomainRuleException>(() => new SortedEntry(DateTimeOffset.UnixEpoch, Guid.NewGuid(), Guid.NewGuid(), RecyclePlatform.Domain.Hubs.LotStream.Reuse, 1_000,
            [RecyclePlatform.Domain.Pickups.ItemCategories.Clothing], pickups).ToLedgerEntry()).Code.ShouldBe("ledger.entry_too_large");
    }

    [Theory]
    [InlineData(0, 0, 256, false, "tile/0/000")]
    [InlineData(1, 1234067, 256, false, "tile/1/x001/x234/067")]
    [InlineData(0, 5, 17, false, "tile/0/005.p/17")]
    [InlineData(0, 1000, 256, true, "tile/entries/x001/000")]
    [InlineData(2, 999, 1, false, "tile/2/999.p/1")]
    public void TilePaths_RoundTrip(int level, long index, int width, bool entries, string path)
    {
        var tile = new TilePath(level, index, width, entries);
        tile.ToString().ShouldBe(path);
        TilePath.TryParse(path["tile/".Length..], out var parsed).ShouldBeTrue();
        parsed.ShouldBe(tile);
    }

    [Theory]
    [InlineData("0/5")]
    [InlineData("0/0005")]
    [InlineData("0/x000/005")]
    [InlineData("0/001/234")]
    [InlineData("0/005.p/256")]
    [InlineData("0/005.p/0")]
    [InlineData("0/005.p/017")]
    [InlineData("9/005")]
    [InlineData("00/000")]
    [InlineData("01/000")]
    [InlineData("a/005")]
    [InlineData("entries")]
    public void TilePaths_NotInCanonicalForm_AreRefused(string path)
    {
        TilePath.TryParse(path, out _).ShouldBeFalse();
    }

    [Fact]
    public void VerifierKeys_WhoseBase64HoldsPlusSigns_StillParse()
    {
        // 0xFB bytes encode as "+" in base64, the same character that separates the key's fields.
        var publicKey = Enumerable.Repeat((byte)0xFB, 32).ToArray();
        var vkey = SignedNote.VerifierKey("example.com/log", publicKey);
        vkey.Count(c => c == '+').ShouldBeGreaterThan(2);

        SignedNote.TryParseVerifierKey(vkey, out var name, out var key).ShouldBeTrue();
        name.ShouldBe("example.com/log");
        key.ShouldBe(publicKey);
    }

    [Fact]
    public void SignedNote_FormatsAndParses_WithTheC2spKeyId()
    {
        var publicKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var checkpoint = new Checkpoint("example.com/log", 42, new byte[32]);
        var keyId = SignedNote.KeyId("example.com/log", publicKey);
        var note = SignedNote.Format(checkpoint.Body, [new NoteSignature("example.com/log", keyId, new byte[64])]);

        note.ShouldStartWith("example.com/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 example.com/log ");
        SignedNote.TryParse(note, out var text, out var signatures).ShouldBeTrue();
        text.ShouldBe(checkpoint.Body);
        signatures.Single().KeyId.ShouldBe(keyId);
        Checkpoint.TryParse(text, out var parsed).ShouldBeTrue();
        parsed!.Size.ShouldBe(42);

        var vkey = SignedNote.VerifierKey("example.com/log", publicKey);
        SignedNote.TryParseVerifierKey(vkey, out var name, out var key).ShouldBeTrue();
        name.ShouldBe("example.com/log");
        key.ShouldBe(publicKey);
        SignedNote.TryParseVerifierKey(vkey.Replace("+", "+0", StringComparison.Ordinal), out _, out _).ShouldBeFalse();
        SignedNote.TryParse("no signature\n", out _, out _).ShouldBeFalse();
    }
}

public sealed class LedgerOriginTests
{
    [Theory]
    [InlineData(null, "recycleplatform.local/ledger")]
    [InlineData("", "recycleplatform.local/ledger")]
    [InlineData("https://recycle.example.org", "recycle.example.org/ledger")]
    [InlineData("https://recycle.example.org/", "recycle.example.org/ledger")]
    [InlineData("https://example.org/recycle/", "example.org/recycle/ledger")]
    public void TheOrigin_FollowsThePublicBaseUrl(string? baseUrl, string origin)
    {
        RecyclePlatform.Infrastructure.Ledger.LedgerSetup.OriginFor(baseUrl).ShouldBe(origin);
    }

    [Theory]
    [InlineData("recycle.example.org")]
    [InlineData("ftp://recycle.example.org")]
    public void APublicBaseUrlThatIsNotAnHttpAddress_IsAConfigurationError(string baseUrl)
    {
        Should.Throw<InvalidOperationException>(() => RecyclePlatform.Infrastructure.Ledger.LedgerSetup.OriginFor(baseUrl));
    }
}
