using System.Net;
using System.Text;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Ledger;

namespace RecyclePlatform.Infrastructure.Ledger;

/// <summary>
/// POSTs add-checkpoint (C2SP tlog-witness) to a witness and keeps only the cosignature lines that
/// carry the witness's name and key id and verify (cosignature/v1, Ed25519 from BouncyCastle).
/// </summary>
internal sealed class HttpWitnessClient : IWitnessClient, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<WitnessAnswer> AddCheckpointAsync(WitnessEndpoint witness, AddCheckpointRequest request, string checkpointBody, CancellationToken ct)
    {
        HttpResponseMessage response;
        string text;
        try
        {
            using var content = new StringContent(request.Format(), new UTF8Encoding(false), "text/plain");
            response = await _http.PostAsync(new Uri(witness.Url, "add-checkpoint"), content, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WitnessAnswer.Refused($"no answer from {witness.Url}: {ex.Message}");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType == "text/x.tlog.size"
                && long.TryParse(text.TrimEnd('\n'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                return new WitnessAnswer.OtherSize(size);
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new WitnessAnswer.Refused($"{(int)response.StatusCode}: {Shorten(text)}");
            }
            if (!SignedNote.TryParse(checkpointBody + "\n" + text, out _, out var lines))
            {
                return new WitnessAnswer.Refused("the answer is not a list of signature lines");
            }
            var verified = lines
                .Select(line => (At: Cosignature.Verify(line, checkpointBody, witness.Name, witness.PublicKey, (m, s) => Ed25519CheckpointSigner.Verify(witness.PublicKey, m, s)), Line: line))
                .Where(c => c.At is not null)
                .Select(c => (c.At!.Value, SignedNote.FormatLine(c.Line)))
                .ToList();
            return verified.Count > 0
                ? new WitnessAnswer.Cosigned(verified)
                : new WitnessAnswer.Refused("no cosignature in the answer verifies with the witness's key");
        }
    }

    private static string Shorten(string text) => (text.Length > 200 ? text[..200] : text).Trim();

    public void Dispose() => _http.Dispose();
}
