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
    private readonly Reading _ledgerEntries = new();
    private readonly Reading _ledgerPending = new();
    private readonly Reading _sequencerLag = new();
    private readonly Reading _notificationBacklog = new();

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
        meter.CreateObservableGauge("recycleplatform.ledger.entries", _ledgerEntries.Observe, "{entry}",
            "Entries in the public ledger, as the sequencer last saw it.");
        meter.CreateObservableGauge("recycleplatform.ledger.outbox.pending", _ledgerPending.Observe, "{fact}",
            "Custody facts waiting for the sequencer.");
        meter.CreateObservableGauge("recycleplatform.ledger.sequencer.lag", _sequencerLag.Observe, "s",
            "Age of the oldest custody fact not yet in the ledger (0 when none waits).");
        meter.CreateObservableGauge("recycleplatform.notifications.backlog", _notificationBacklog.Observe, "{message}",
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
        _ledgerEntries.Set(entries);
        _ledgerPending.Set(pending);
        _sequencerLag.Set(Math.Max(oldestPendingAge.TotalSeconds, 0));
    }

    /// <summary>The notifications job's count of messages not yet e-mailed.</summary>
    public void NotificationBacklogSeen(long backlog) => _notificationBacklog.Set(backlog);

    /// <summary>A gauge's last measurement; nothing is reported before the first (a zero would claim an empty backlog) or once it is stale.</summary>
    private sealed class Reading
    {
        private double _value;
        private long _at = long.MinValue;

        public void Set(double value)
        {
            Interlocked.Exchange(ref _value, value);
            Interlocked.Exchange(ref _at, Environment.TickCount64);
        }

        public IEnumerable<Measurement<double>> Observe()
        {
            var at = Interlocked.Read(ref _at);
            return at != long.MinValue && Environment.TickCount64 - at < (long)Freshness.TotalMilliseconds
                ? [new Measurement<double>(Interlocked.CompareExchange(ref _value, 0, 0))]
                : [];
        }
    }
}
