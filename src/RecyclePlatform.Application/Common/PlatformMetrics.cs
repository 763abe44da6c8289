using System.Diagnostics.Metrics;

namespace RecyclePlatform.Application.Common;

/// <summary>
/// The platform's own metrics (meter "RecyclePlatform"), read by OpenTelemetry (docs/observability.md)
/// or dotnet-counters. Counters are this node's; the gauges are what this node last measured, so on
/// several nodes an operator takes the maximum of the gauges and the sum of the counters.
/// Tags are controlled lists (policy, job, outcome), never anything a user typed.
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "RecyclePlatform";

    private readonly Counter<long> _bookings;
    private readonly Counter<long> _slotRefusals;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _dispatchRunDuration;
    private long _ledgerEntries = -1;
    private long _ledgerPending = -1;
    private double _sequencerLag = -1;
    private long _notificationBacklog = -1;
    private long _ledgerSeenAt = long.MinValue;
    private long _backlogSeenAt = long.MinValue;

    /// <summary>
    /// A gauge this node has not measured for this long is not reported: the node that runs the job now
    /// reports it, and a stale figure from one that used to would hold an alert after the problem ended.
    /// </summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(60);

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _bookings = meter.CreateCounter<long>("recycleplatform.bookings", "{booking}", "Pickups booked.");
        _slotRefusals = meter.CreateCounter<long>("recycleplatform.slot.refusals", "{booking}",
            "Bookings refused because the window was full.");
        _rateLimitRefusals = meter.CreateCounter<long>("recycleplatform.ratelimit.refusals", "{request}",
            "Requests refused by a rate limit, by policy.");
        _jobRuns = meter.CreateCounter<long>("recycleplatform.job.runs", "{run}", "Background job runs, by job and outcome.");
        // Buckets in seconds: a job run takes milliseconds to a sequencer round's 20 s; a dispatch run seconds to minutes.
        _jobDuration = meter.CreateHistogram("recycleplatform.job.duration", "s", "How long a background job run took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120] });
        _dispatchRunDuration = meter.CreateHistogram("recycleplatform.dispatch.run.duration", "s",
            "How long a dispatch (route optimisation) run took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600] });
        meter.CreateObservableGauge("recycleplatform.ledger.entries", () => Observed(LedgerEntries, _ledgerSeenAt), "{entry}",
            "Entries in the public ledger, as the sequencer last saw it.");
        meter.CreateObservableGauge("recycleplatform.ledger.outbox.pending", () => Observed(LedgerPending, _ledgerSeenAt), "{fact}",
            "Custody facts waiting for the sequencer.");
        meter.CreateObservableGauge("recycleplatform.ledger.sequencer.lag", () => ObservedLag(), "s",
            "Age of the oldest custody fact not yet in the ledger (0 when none waits).");
        meter.CreateObservableGauge("recycleplatform.notifications.backlog", () => Observed(NotificationBacklog, _backlogSeenAt), "{message}",
            "Notifications waiting to be e-mailed (due now or waiting for a retry).");
    }

    public void Booked() => _bookings.Add(1);

    public void SlotRefused() => _slotRefusals.Add(1);

    public void RateLimitRefused(string policy) => _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void JobRan(string job, bool succeeded, TimeSpan took)
    {
        // "job.name", not "job": Prometheus keeps "job" for the scrape target's own label.
        var name = new KeyValuePair<string, object?>("job.name", job);
        _jobRuns.Add(1, name, new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "failed"));
        _jobDuration.Record(took.TotalSeconds, name);
    }

    public void DispatchRunTook(TimeSpan took) => _dispatchRunDuration.Record(took.TotalSeconds);

    /// <summary>The sequencer's last look at the ledger and its outbox.</summary>
    public void LedgerSeen(long entries, long pending, TimeSpan oldestPendingAge)
    {
        Interlocked.Exchange(ref _ledgerEntries, entries);
        Interlocked.Exchange(ref _ledgerPending, pending);
        Interlocked.Exchange(ref _sequencerLag, Math.Max(oldestPendingAge.TotalSeconds, 0));
        Interlocked.Exchange(ref _ledgerSeenAt, Environment.TickCount64);
    }

    /// <summary>Entries in the ledger at the sequencer's last look, or -1 before it.</summary>
    public long LedgerEntries => Interlocked.Read(ref _ledgerEntries);

    public long LedgerPending => Interlocked.Read(ref _ledgerPending);

    public double SequencerLagSeconds => Interlocked.CompareExchange(ref _sequencerLag, 0, 0);

    /// <summary>The notification worker's last count, or -1 before its first round.</summary>
    public long NotificationBacklog
    {
        get => Interlocked.Read(ref _notificationBacklog);
        set
        {
            Interlocked.Exchange(ref _notificationBacklog, value);
            Interlocked.Exchange(ref _backlogSeenAt, Environment.TickCount64);
        }
    }

    // Nothing is reported before the first measurement: a zero would claim an empty backlog.
    private static IEnumerable<Measurement<long>> Observed(long value, long seenAt) =>
        value < 0 || !Fresh(seenAt) ? [] : [new Measurement<long>(value)];

    private IEnumerable<Measurement<double>> ObservedLag()
    {
        var lag = SequencerLagSeconds;
        return lag < 0 || !Fresh(Interlocked.Read(ref _ledgerSeenAt)) ? [] : [new Measurement<double>(lag)];
    }

    private static bool Fresh(long seenAt) =>
        seenAt != long.MinValue && Environment.TickCount64 - seenAt < (long)Freshness.TotalMilliseconds;
}
