using System.Text;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.UnitTests.Ledger;

/// <summary>The byte formats of C2SP tlog-cosignature and tlog-witness, against the specs' examples.</summary>
public sealed class CosignatureFormatTests
{
    private const string Body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    [Fact]
    public void TheSignedMessage_IsTheHeaderTheTimeAndTheCheckpointBody()
    {
        Encoding.UTF8.GetString(Cosignature.Message(Body, 1679315147))
            .ShouldBe("cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    [Fact]
    public void ACosignatureLine_CarriesTheBigEndianTimestampBeforeTheSignature_UnderAType4KeyId()
    {
        var key = new byte[32];
        var line = Cosignature.Line("witness.example/w1", key, 0x0102030405060708, new byte[64]);

        line.Signature[..8].ShouldBe(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        line.KeyId.ShouldBe(SignedNote.KeyId("witness.example/w1", key, SignedNote.CosignatureType));
        line.KeyId.ShouldNotBe(SignedNote.KeyId("witness.example/w1", key));
        SignedNote.TryParseVerifierKey(SignedNote.VerifierKey("witness.example/w1", key, SignedNote.CosignatureType), out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void AnAddCheckpointBody_RoundTrips_AndMatchesTheSpecsLayout()
    {
        var note = Body + "\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
        var proof = new[] { Convert.FromBase64String("PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw="), Convert.FromBase64String("jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=") };
        var text = new AddCheckpointRequest(20852014, proof, note).Format();

        text.ShouldBe("old 20852014\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n\n" + note);
        AddCheckpointRequest.TryParse(text, out var parsed).ShouldBeTrue();
        parsed!.OldSize.ShouldBe(20852014);
        parsed.Proof.Count.ShouldBe(2);
        parsed.CheckpointNote.ShouldBe(note);
    }

    [Fact]
    public void MoreThan63ProofLines_AreRefused()
    {
        var lines = string.Concat(Enumerable.Repeat(Convert.ToBase64String(new byte[32]) + "\n", 64));
        AddCheckpointRequest.TryParse("old 5\n" + lines + "\n" + Body, out _).ShouldBeFalse();
    }
}
