#!/usr/bin/env bash
# Ledger benchmarks on this machine, against a throwaway PostgreSQL with its durable defaults
# (fsync on, synchronous_commit on): nothing here is tuned for speed at the cost of safety.
#   bash bench/run.sh                 all three: appends, proofs at 10 million, verifier at 1 million
#   bash bench/run.sh appends 50000   one of them, with its size
#   bash bench/run.sh email 20000     the e-mail worker of one app node draining a backlog of notifications
#   bash bench/run.sh http [seconds]  HTTP requests/s and latency of the product against a raw Npgsql
#                                     baseline (bench/http.sh, docs/performance.md)
#   bash bench/run.sh nodes [seconds] bookings on two app nodes (one PostgreSQL, one Redis) against one node,
#                                     in the same run (bench/nodes.sh)
#   bash bench/run.sh impact [size]  impact totals over a realistic log of 1,000,000 entries: the cold fold, the
#                                     server time of the campaign's and the platform's data, then their HTTP
#                                     latency against the running app (wrk -c16)
#   bash bench/run.sh routing         the route optimiser: Solomon VRPTW (../shared/data/solomon) and a
#                                     generated day of 2,000 pickups and 100 couriers (no database needed)
# Figures are printed; docs/ledger.md and docs/dispatch.md record the last runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
pg_bin=/usr/lib/postgresql/15/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_hostBuilder__reloadConfigOnChange=false

if [ "${1:-}" = http ]; then
    shift
    exec bash "$root/bench/http.sh" "$@"
fi

if [ "${1:-}" = nodes ]; then
    shift
    exec bash "$root/bench/nodes.sh" "$@"
fi

if [ "${1:-}" = routing ]; then
    dotnet build bench/RecyclePlatform.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
    bench="dotnet bench/RecyclePlatform.Bench/bin/Release/net10.0/RecyclePlatform.Bench.dll"
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
    $bench solomon "${2:-../shared/data/solomon}" 9.5
    $bench city-day 2000 100 50
    exit 0
fi

work="$(mktemp -d /tmp/recycleplatform-bench.XXXXXX)"
chmod 755 "$work"
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -f "$work/pgdata/postmaster.pid" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

port=26432 # below the ephemeral range (32768-60999)
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
(cd "$work" && "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
(cd "$work" && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c shared_buffers=1GB -c max_wal_size=8GB -c max_connections=100" >/dev/null)
export RECYCLE_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
seed="$(head -c 32 /dev/urandom | base64)"
export RECYCLE_BENCH_SIGNING_KEY="$seed"

dotnet build bench/RecyclePlatform.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/RecyclePlatform.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/RecyclePlatform.LedgerVerifier -c Release -nologo -clp:ErrorsOnly >/dev/null
bench="dotnet bench/RecyclePlatform.Bench/bin/Release/net10.0/RecyclePlatform.Bench.dll"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')"

what="${1:-all}"
if [ "$what" = all ] || [ "$what" = appends ]; then $bench appends "${2:-50000}"; fi
if [ "$what" = all ] || [ "$what" = proofs ]; then $bench proofs "${2:-10000000}" 5000; fi
if [ "$what" = all ] || [ "$what" = verify ]; then
    size="${2:-1000000}"
    $bench verify-data "$size" bench_verify
    # The real app serves the loaded log; the auditor's tool verifies it over HTTP on 127.0.0.1.
    app_port=$((port + 1000))
    (cd src/RecyclePlatform.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
        ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_verify" \
        Ledger__SigningKey="$seed" Ledger__AuditEnabled=false Serilog__MinimumLevel__Default=Warning \
        dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1) &
    app_pid=$!
    for _ in $(seq 60); do curl -fs "http://127.0.0.1:$app_port/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
    key="$(curl -fs "http://127.0.0.1:$app_port/ledger/key")"
    verify="dotnet src/RecyclePlatform.LedgerVerifier/bin/Release/net10.0/recycle-ledger-verify.dll verify http://127.0.0.1:$app_port --key $key"
    echo "== full verification of $size entries over HTTP by the command-line verifier"
    # A freshly started server spends its first seconds compiling (JIT); a live one is warm.
    echo "   first run, against a server that just started: $($verify | tail -n 1)"
    echo "   second run (the server's JIT and tile cache still warming): $($verify | tail -n 1)"
    TIMEFORMAT='   verifier process: %R s wall, %U s user + %S s system CPU (the rest of the 2 cores serve the tiles)'
    time ($verify | sed 's/^/   /')
    kill "$app_pid" 2>/dev/null
    status=0; wait "$app_pid" 2>/dev/null || status=$?
    app_pid=""
    if [ "$status" != 0 ] && [ "$status" != 143 ]; then echo "   the app ended with status $status on SIGTERM; its last log lines:"; tail -n 20 "$work/app.log"; fi
fi

if [ "$what" = impact ]; then
    size="${2:-1000000}"
    $bench impact "$size" 2000 bench_impact
    # The same log served by the real app (Release, Production settings): it folds the log when it starts.
    app_port=$((port + 1000))
    started=$(date +%s.%N)
    (cd src/RecyclePlatform.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
        ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_impact" \
        Ledger__SigningKey="$seed" Ledger__AuditEnabled=false Serilog__MinimumLevel__Default=Warning \
        dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1) &
    app_pid=$!
    for _ in $(seq 600); do curl -fs "http://127.0.0.1:$app_port/api/v1/impact" >/dev/null 2>&1 && break; sleep 0.2; done
    awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "   the app started and folded the log: /api/v1/impact answered %.1f s after launch\n", e - s }'
    # The JSON answers, then the pages people open (server-rendered, with their SVG charts).
    for path in /api/v1/campaigns/bench-campaign /api/v1/impact /Campaigns/bench-campaign /Impact; do
        echo "   $path: $(curl -fs "http://127.0.0.1:$app_port$path" | wc -c) bytes"
        wrk -t2 -c16 -d10s "http://127.0.0.1:$app_port$path" >/dev/null # warm-up: tiered JIT settles
        # Two connections: close to each request's own server time (wrk shares the 2 cores); sixteen: the node saturated.
        for connections in 2 16; do
            echo "      $connections connections:"
            wrk -t2 -c$connections -d15s --latency "http://127.0.0.1:$app_port$path" \
                | awk '/Requests\/sec|^ +50%|^ +99%|Non-2xx|Socket errors/ { $1 = $1; print "        " $0 }'
        done
    done
    kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; app_pid=""
fi

if [ "$what" = email ]; then
    count="${2:-20000}"
    psql=("$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA)
    app_port=$((port + 1000))
    # One real app node with its worker on, draining a backlog inserted at once; $1 names the run, the
    # rest are the app's settings for where mail goes.
    email_run() {
        local label="$1" db="bench_email_$2"; shift 2
        "${psql[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null
        (cd src/RecyclePlatform.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
            ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db" \
            Database__MigrateOnStartup=true DemoData__Enabled=true Ledger__SigningKey="$seed" Serilog__MinimumLevel__Default=Warning \
            Notifications__PollSeconds=1 Notifications__Folder="$work/mail-$db" "$@" \
            dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1) &
        app_pid=$!
        for _ in $(seq 120); do curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
        backlog() { "${psql[@]}" -d "$db" -c "SELECT count(*) FROM notifications WHERE email_sent_at IS NULL AND email_attempts < 8"; }
        for _ in $(seq 60); do [ "$(backlog)" = 0 ] && break; sleep 0.5; done
        local start end
        start=$(date +%s.%N)
        "${psql[@]}" -d "$db" -c "INSERT INTO notifications (id, user_id, kind, pickup_id, pickup_reference, window_start, window_end, time_zone, created_at, email_attempts, next_attempt_at)
            SELECT gen_random_uuid(), p.consumer_id, 'BookingConfirmed', p.id, p.reference, p.window_start, p.window_end, 'Asia/Shanghai', now(), 0, now()
            FROM generate_series(1, $count) g CROSS JOIN LATERAL (SELECT * FROM pickups WHERE consumer_id IS NOT NULL ORDER BY id LIMIT 1) p" >/dev/null
        while [ "$(backlog)" != 0 ]; do sleep 0.2; done
        end=$(date +%s.%N)
        awk -v n="$count" -v s="$start" -v e="$end" -v l="$label" 'BEGIN { printf "   %s: %d e-mails in %.2f s = %.0f e-mails/s per node (target >= 50/s)\n", l, n, e - s, n / (e - s) }'
        kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; app_pid=""
    }
    echo "== e-mail worker of one node: a backlog of $count notifications inserted at once, PostgreSQL fsync on"
    email_run "to .eml files (development sender)" folder
    if /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
        smtp_port=$((port + 2000))
        /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Sink &
        smtp_pid=$!
        sleep 1
        email_run "over SMTP to a local sink (aiosmtpd), one connection per batch" smtp \
            Notifications__Smtp__Host=127.0.0.1 Notifications__Smtp__Port="$smtp_port" Notifications__Smtp__StartTls=false
        kill "$smtp_pid" 2>/dev/null || true
    else
        echo "   (SMTP run skipped: apt-get install python3-aiosmtpd for a local SMTP sink)"
    fi
fi
