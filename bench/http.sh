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
seconds="${1:-8}"
source "$root/bench/common.sh"
bench_install wrk
bench_postgres recycleplatform-http 27432 bench_http

dotnet build src/RecyclePlatform.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/RecyclePlatform.RawBaseline -c Release -nologo -clp:ErrorsOnly >/dev/null
seed="$(head -c 32 /dev/urandom | base64)"
# BENCH_PRODUCT_ENV adds settings to the product's environment (trying a lever without a rebuild).
product_env=(${BENCH_PRODUCT_ENV:-} ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Ledger__SigningKey="$seed"
    Serilog__MinimumLevel__Default=Warning Notifications__WorkerEnabled=false Ledger__AuditEnabled=false)
(cd src/RecyclePlatform.Web && env "${product_env[@]}" DemoData__Enabled=true \
    ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http" \
    dotnet bin/Release/net10.0/RecyclePlatform.Web.dll migrate >"$work/migrate.log" 2>&1) || { tail -20 "$work/migrate.log"; exit 1; }
district="$("${psql[@]}" -d bench_http -c "SELECT id FROM districts WHERE slug = 'dongcheng'")"

app=27600
raw=27601
rate_limits=(RateLimits__BookingsPerUserPerMinute=100000000 RateLimits__BookingsPerIpPerMinute=100000000)
start_product() {
    (cd src/RecyclePlatform.Web && exec env "${product_env[@]}" "${rate_limits[@]}" DemoData__Enabled=false \
        ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http;Maximum Pool Size=100" \
        dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$app" >"$work/app.log" 2>&1) &
    pids+=($!)
    for _ in $(seq 120); do curl -fs "http://127.0.0.1:$app/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
}
# The product creates a district's windows for the booking horizon when they are first listed: list
# them once, then copy the database, so that both sides read the same rows. Bookings must not run out
# of places in the run (a refused booking is cheaper than a booking): every window gets room for a million.
start_product
curl -fs "http://127.0.0.1:$app/api/v1/slots?districtId=$district" >/dev/null
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
"${psql[@]}" -d bench_http -c "UPDATE slots SET capacity = 1000000, capacity_overridden = true" >/dev/null
"${psql[@]}" -d postgres -c "CREATE DATABASE bench_http_raw TEMPLATE bench_http" >/dev/null
start_product
(exec env ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_http_raw;Maximum Pool Size=100" \
    dotnet bench/RecyclePlatform.RawBaseline/bin/Release/net10.0/recycle-raw-baseline.dll --urls "http://127.0.0.1:$raw" >"$work/raw.log" 2>&1) &
pids+=($!)
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$app/health/ready" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$raw/health" >/dev/null 2>&1 && break; sleep 0.5; done

# The demo donor books: the product with its bearer token, the raw side with the same user id. Each
# request has its own Idempotency-Key and one of the district's open windows (bench/booking.lua).
consumer="$("${psql[@]}" -d bench_http -c "SELECT id FROM users WHERE normalized_email = 'CONSUMER@DEMO.TEST'")"
token="$(curl -fs -X POST "http://127.0.0.1:$app/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"consumer@demo.test","password":"Recycle-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
open_slots="$(open_slots "http://127.0.0.1:$app/api/v1/slots?districtId=$district")"
[ -n "$open_slots" ] || { echo "no open window to book in" >&2; exit 1; }
export BENCH_SLOTS="$open_slots" BENCH_DISTRICT="$district"

# One wrk run: "requests/s p50_ms p99_ms failed" (failed: answers other than 2xx/3xx, and socket errors).
courier_block=0
run() {
    local url="$1" conns="$2" script="${3:-}" auth="${4:-}" out rps p50 p99 failed
    # Each courier run records at stops of its own (bench/courier.lua).
    if [ "$script" = bench/courier.lua ]; then export BENCH_BLOCK=$courier_block; courier_block=$((courier_block + 1)); fi
    if [ -n "$script" ]; then
        out="$(BENCH_AUTH="$auth" BENCH_RUN="$RANDOM$RANDOM" wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$script" "$url")"
    else
        out="$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "$url")"
    fi
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    failed="$(failed_of "$out")"
    echo "$rps $(ms "$p50") $(ms "$p99") $failed"
}
stats() { echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median) $(cut -d' ' -f3 "$1" | median)"; }

# compare NAME PATH [LUA]: the product and the raw side interleaved (A B A B A B) at 16 and 64 connections.
compare() {
    local name="$1" path="$2" script="${3:-}" p r
    for conns in 16 64; do
        # Warm-up: the JIT settles (tiered compilation) before anything is measured.
        run "http://127.0.0.1:$app$path" "$conns" "$script" "$token" >/dev/null
        run "http://127.0.0.1:$raw$path" "$conns" "$script" "$consumer" >/dev/null
        : >"$work/p"; : >"$work/r"
        for round in 1 2 3; do
            run "http://127.0.0.1:$app$path" "$conns" "$script" "$token" >>"$work/p"
            run "http://127.0.0.1:$raw$path" "$conns" "$script" "$consumer" >>"$work/r"
        done
        p="$(cut -d' ' -f1 "$work/p" | median)"; r="$(cut -d' ' -f1 "$work/r" | median)"
        printf '%-28s %5s  %-24s %-24s %.2f x\n' "$name" "$conns" "$(stats "$work/p")" "$(stats "$work/r")" "$(awk -v a="$p" -v b="$r" 'BEGIN { print a / b }')"
        echo "   runs (req/s p50 p99 failed), product: $(tr '\n' ';' <"$work/p")  raw: $(tr '\n' ';' <"$work/r")"
    done
}
# alone NAME PATH [LUA]: the product only (no raw counterpart), three runs.
alone() {
    local name="$1" path="$2" script="${3:-}"
    for conns in 16 64; do
        run "http://127.0.0.1:$app$path" "$conns" "$script" "$token" >/dev/null
        : >"$work/p"
        for round in 1 2 3; do run "http://127.0.0.1:$app$path" "$conns" "$script" "$token" >>"$work/p"; done
        printf '%-28s %5s  %-24s %-24s\n' "$name" "$conns" "$(stats "$work/p")" "(no baseline)"
        echo "   runs (req/s p50 p99 failed): $(tr '\n' ';' <"$work/p")"
    done
}

# Both sides must answer the same request with the same data (the raw side's JSON has no extra fields).
for path in "/api/v1/slots?districtId=$district" "/api/v1/cities"; do
    a="$(curl -fs "http://127.0.0.1:$app$path" | wc -c)"
    b="$(curl -fs "http://127.0.0.1:$raw$path" | wc -c)" || { echo "the raw baseline failed on $path" >&2; exit 1; }
    echo "response bytes for ${path%%\?*}: product $a, raw $b"
done
# The JIT needs some 20 s of a request mix to settle (tiered compilation): warm both sides up first.
for round in 1 2; do
    for side in "$app $token" "$raw $consumer"; do
        set -- $side
        wrk -t2 -c16 -d4s "http://127.0.0.1:$1/api/v1/slots?districtId=$district" >/dev/null
        BENCH_AUTH="$2" BENCH_RUN="warm$RANDOM" wrk -t2 -c16 -d4s -s bench/booking.lua "http://127.0.0.1:$1/api/v1/pickups" >/dev/null
        wrk -t2 -c16 -d2s "http://127.0.0.1:$1/api/v1/cities" >/dev/null
    done
done
echo "machine: $(nproc) cores, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), ${seconds} s per run, wrk -t2"
printf '%-28s %5s  %-24s %-24s %s\n' request conns "product req/s p50 p99" "raw req/s p50 p99" ratio
# BENCH_ONLY=slots|booking|cities|courier|mine|home|ledger runs one of them (while working on it).
only="${BENCH_ONLY:-}"
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if want slots; then compare "GET /api/v1/slots" "/api/v1/slots?districtId=$district"; fi
if want booking; then compare "POST /api/v1/pickups" "/api/v1/pickups" bench/booking.lua; fi
if want cities; then compare "GET /api/v1/cities" "/api/v1/cities"; fi
if want courier; then
    # Stops on the way to the demo courier, enough for every run (8 runs of at most 1,200 a second): the
    # product's own bookings, topped up with more, then put on the courier's way (as EnRoute would).
    export BENCH_BLOCK_SIZE=$((1200 * seconds)) BENCH_REFS="$work/courier-stops"
    need=$((8 * BENCH_BLOCK_SIZE))
    courier_id="$("${psql[@]}" -d bench_http -c "SELECT c.id FROM couriers c JOIN users u ON u.id = c.user_id WHERE u.normalized_email = 'COURIER@DEMO.TEST'")"
    waiting() { "${psql[@]}" -d bench_http -c "SELECT count(*) FROM pickups WHERE street = '1 Bench Road' AND status = 'Booked'"; }
    while [ "$(waiting)" -lt "$need" ]; do
        BENCH_AUTH="$token" BENCH_RUN="stops$RANDOM" wrk -t2 -c16 -d10s -s bench/booking.lua "http://127.0.0.1:$app/api/v1/pickups" >/dev/null
    done
    "${psql[@]}" -d bench_http -c "UPDATE pickups SET status = 'EnRoute', courier_id = '$courier_id', route_order = 1
        WHERE id IN (SELECT id FROM pickups WHERE street = '1 Bench Road' AND status = 'Booked' AND bags = 2 LIMIT $need)" >/dev/null
    # A bulk change no courier makes: clear its dead rows and let the planner see the new shape before measuring.
    "${psql[@]}" -d bench_http -c "VACUUM ANALYZE pickups" >/dev/null
    "${psql[@]}" -d bench_http -c "SELECT reference FROM pickups WHERE courier_id = '$courier_id' AND status = 'EnRoute' AND street = '1 Bench Road' ORDER BY id" >"$BENCH_REFS"
    courier_token="$(curl -fs -X POST "http://127.0.0.1:$app/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"courier@demo.test","password":"Recycle-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
    token="$courier_token" alone "POST /api/v1/pickups/…/events" "/" bench/courier.lua
fi
if want mine; then alone "GET /api/v1/pickups (mine)" "/api/v1/pickups" bench/bearer.lua; fi
if want home; then alone "GET / (page)" "/"; fi
if want ledger; then alone "GET /Ledger (page)" "/Ledger"; fi
booked_product="$("${psql[@]}" -d bench_http -c "SELECT count(*) FROM pickups WHERE street = '1 Bench Road'")"
booked_raw="$("${psql[@]}" -d bench_http_raw -c "SELECT count(*) FROM pickups WHERE street = '1 Bench Road'")"
echo "bookings made: product $booked_product, raw $booked_raw"
