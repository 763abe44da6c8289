#!/usr/bin/env bash
# HTTP speed of the product against a raw baseline (issue #19, docs/performance.md), on this machine:
#   bash bench/run.sh http [seconds per run, default 8]
# One durable PostgreSQL (fsync on), the demo data migrated and seeded once, then copied: the product
# serves one copy, bench/RecyclePlatform.RawBaseline (the same SQL with raw Npgsql, prepared, one
# connection per request) the other. wrk drives each at 16 and 64 connections, the two sides
# interleaved (A B A B A B); it prints requests/s, p50 and p99 of each run and the ratio of the medians.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
pg_bin=/usr/lib/postgresql/15/bin
seconds="${1:-8}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_hostBuilder__reloadConfigOnChange=false

if ! command -v wrk >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "wrk is missing: apt-get install wrk (as root)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

work="$(mktemp -d /tmp/recycleplatform-http.XXXXXX)"
chmod 755 "$work"
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$work/pgdata/postmaster.pid" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

port=27432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
(cd "$work" && "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
(cd "$work" && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c shared_buffers=512MB -c max_connections=300" >/dev/null)
psql=("$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA)
"${psql[@]}" -d postgres -c "CREATE DATABASE bench_http" >/dev/null

dotnet build src/RecyclePlatform.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/RecyclePlatform.RawBaseline -c Release -nologo -clp:ErrorsOnly >/dev/null
seed="$(head -c 32 /dev/urandom | base64)"
product_env=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Ledger__SigningKey="$seed"
    Serilog__MinimumLevel__Default=Warning Notifications__WorkerEnabled=false Ledger__AuditEnabled=false)
(cd src/RecyclePlatform.Web && env "${product_env[@]}" DemoData__Enabled=true \
    ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http" \
    dotnet bin/Release/net10.0/RecyclePlatform.Web.dll migrate >"$work/migrate.log" 2>&1) || { tail -20 "$work/migrate.log"; exit 1; }
district="$("${psql[@]}" -d bench_http -c "SELECT id FROM districts WHERE slug = 'dongcheng'")"

app=27600
raw=27601
start_product() {
    (cd src/RecyclePlatform.Web && exec env "${product_env[@]}" DemoData__Enabled=false \
        ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http;Maximum Pool Size=100" \
        dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$app" >"$work/app.log" 2>&1) &
    pids+=($!)
    for _ in $(seq 120); do curl -fs "http://127.0.0.1:$app/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
}
# The product creates a district's windows for the booking horizon when they are first listed: list
# them once, then copy the database, so that both sides read the same rows.
start_product
curl -fs "http://127.0.0.1:$app/api/v1/slots?districtId=$district" >/dev/null
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
"${psql[@]}" -d postgres -c "CREATE DATABASE bench_http_raw TEMPLATE bench_http" >/dev/null
start_product
(exec env ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http_raw;Maximum Pool Size=100" \
    dotnet bench/RecyclePlatform.RawBaseline/bin/Release/net10.0/recycle-raw-baseline.dll --urls "http://127.0.0.1:$raw" >"$work/raw.log" 2>&1) &
pids+=($!)
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$app/health/ready" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$raw/health" >/dev/null 2>&1 && break; sleep 0.5; done

# One wrk run: "requests/s p50_ms p99_ms".
run() {
    local out rps p50 p99
    out="$(wrk -t2 -c"$2" -d"${seconds}s" --latency "$1")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    echo "$rps $(ms "$p50") $(ms "$p99")"
}
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Both sides must answer the same request with the same data (the raw side's JSON has no extra fields).
for path in "/api/v1/slots?districtId=$district" "/api/v1/cities"; do
    a="$(curl -fs "http://127.0.0.1:$app$path" | wc -c)"
    b="$(curl -fs "http://127.0.0.1:$raw$path" | wc -c)" || { echo "the raw baseline failed on $path" >&2; exit 1; }
    echo "response bytes for ${path%%\?*}: product $a, raw $b"
done
echo "machine: $(nproc) cores, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), ${seconds} s per run, wrk -t2"
printf '%-34s %5s  %-26s %-26s %s\n' request conns "product req/s p50 p99" "raw req/s p50 p99" ratio
for path in "/api/v1/slots?districtId=$district" "/api/v1/cities"; do
    for conns in 16 64; do
        wrk -t2 -c"$conns" -d2s "http://127.0.0.1:$app$path" >/dev/null; wrk -t2 -c"$conns" -d2s "http://127.0.0.1:$raw$path" >/dev/null # warm-up
        : >"$work/p"; : >"$work/r"
        for round in 1 2 3; do
            run "http://127.0.0.1:$app$path" "$conns" >>"$work/p"
            run "http://127.0.0.1:$raw$path" "$conns" >>"$work/r"
        done
        p="$(cut -d' ' -f1 "$work/p" | median)"; r="$(cut -d' ' -f1 "$work/r" | median)"
        printf '%-34s %5s  %-26s %-26s %.2f x\n' "${path%%\?*}" "$conns" \
            "$p $(cut -d' ' -f2 "$work/p" | median) $(cut -d' ' -f3 "$work/p" | median)" \
            "$r $(cut -d' ' -f2 "$work/r" | median) $(cut -d' ' -f3 "$work/r" | median)" "$(awk -v a="$p" -v b="$r" 'BEGIN { print a / b }')"
        echo "   runs, product: $(tr '\n' ';' <"$work/p")  raw: $(tr '\n' ';' <"$work/r")"
    done
done
for path in / /Ledger; do
    for conns in 16 64; do
        wrk -t2 -c"$conns" -d2s "http://127.0.0.1:$app$path" >/dev/null
        : >"$work/p"
        for round in 1 2 3; do run "http://127.0.0.1:$app$path" "$conns" >>"$work/p"; done
        printf '%-34s %5s  %-26s %-26s %s\n' "$path (page)" "$conns" \
            "$(cut -d' ' -f1 "$work/p" | median) $(cut -d' ' -f2 "$work/p" | median) $(cut -d' ' -f3 "$work/p" | median)" "(no baseline)" ""
    done
done
