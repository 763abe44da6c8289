#!/usr/bin/env bash
# Bookings on two nodes against one node, in the same run (issue #18, docs/performance.md):
#   bash bench/run.sh nodes [seconds per run, default 8]
# One durable PostgreSQL (fsync on) and one Redis, the demo data migrated and seeded once. Node A and
# node B are the real app (Release, Production settings) with rate limits counted in Redis and the
# Quartz cluster on, as in docker-compose.yml. wrk books at 16 and 64 connections against:
#   one node:          all connections on A
#   two nodes:         half the connections on A, half on B (two wrk processes at once; req/s summed,
#                      p99 the worse of the two), as a proxy spreading connections would
#   one node, no Redis: node C, its limits in memory, to show what the shared limit costs per booking
# interleaved (one, two, no Redis, one, two, ...), three rounds each; the medians are printed. All
# three nodes run from the start (and take part in the Quartz cluster), so each is equally warm.
# Everything shares this machine's cores: on 2 cores a second node adds no CPU, so the figure shows
# what the cluster costs (Redis, Quartz), not what a second machine would add.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-8}"
source "$root/bench/common.sh"
bench_install wrk redis-server
bench_postgres recycleplatform-nodes 28432 bench_nodes
redis_port=$((port + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((redis_port + 1)); done
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"

dotnet build src/RecyclePlatform.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
seed="$(head -c 32 /dev/urandom | base64)"
database="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_nodes"
node_env=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Ledger__SigningKey="$seed" Serilog__MinimumLevel__Default=Warning
    Notifications__WorkerEnabled=false Ledger__AuditEnabled=false
    RateLimits__BookingsPerUserPerMinute=100000000 RateLimits__BookingsPerIpPerMinute=100000000)
(cd src/RecyclePlatform.Web && env "${node_env[@]}" DemoData__Enabled=true ConnectionStrings__Default="$database" \
    dotnet bin/Release/net10.0/RecyclePlatform.Web.dll migrate >"$work/migrate.log" 2>&1) || { tail -20 "$work/migrate.log"; exit 1; }
district="$("${psql[@]}" -d bench_nodes -c "SELECT id FROM districts WHERE slug = 'dongcheng'")"

# start_node PORT [extra settings...]: a node in the background, ready when its readiness answers.
start_node() {
    local at="$1"; shift
    (cd src/RecyclePlatform.Web && exec env "${node_env[@]}" "$@" DemoData__Enabled=false \
        ConnectionStrings__Default="$database;Maximum Pool Size=100" \
        dotnet bin/Release/net10.0/RecyclePlatform.Web.dll --urls "http://127.0.0.1:$at" >"$work/node-$at.log" 2>&1) &
    pids+=($!)
    for _ in $(seq 120); do curl -fs "http://127.0.0.1:$at/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
    echo "node on $at did not become ready" >&2; tail -20 "$work/node-$at.log" >&2; exit 1
}
a=27700; b=27701; solo=27702
start_node $a Redis__Connection="127.0.0.1:$redis_port"
# Windows are created on first listing; give each room for a million bookings so none runs out.
curl -fs "http://127.0.0.1:$a/api/v1/slots?districtId=$district" >/dev/null
"${psql[@]}" -d bench_nodes -c "UPDATE slots SET capacity = 1000000, capacity_overridden = true" >/dev/null
start_node $b Redis__Connection="127.0.0.1:$redis_port"
start_node $solo

token="$(curl -fs -X POST "http://127.0.0.1:$a/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"consumer@demo.test","password":"Recycle-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
open_slots="$(open_slots "http://127.0.0.1:$a/api/v1/slots?districtId=$district")"
[ -n "$open_slots" ] || { echo "no open window to book in" >&2; exit 1; }
export BENCH_SLOTS="$open_slots" BENCH_DISTRICT="$district" BENCH_AUTH="$token"

# book PORT CONNS OUT: one wrk run of bookings against one node, "req/s p99_ms failed" into OUT.
book() {
    local out
    out="$(BENCH_RUN="$RANDOM$RANDOM" wrk -t1 -c"$2" -d"${seconds}s" --latency -s bench/booking.lua "http://127.0.0.1:$1/api/v1/pickups")"
    local rps p99 failed
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p99="$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    failed="$(failed_of "$out")"
    echo "$rps $p99 $failed" >"$3"
}
# one_node PORT CONNS / two_nodes CONNS: "req/s p99_ms failed".
one_node() { book "$1" "$2" "$work/x"; cat "$work/x"; }
two_nodes() {
    book $a $(($1 / 2)) "$work/ra" & local wa=$!
    book $b $(($1 / 2)) "$work/rb" & local wb=$!
    wait $wa $wb
    awk '{ rps += $1; if ($2 > p99) p99 = $2; failed += $3 } END { printf "%.1f %.1f %d\n", rps, p99, failed }' "$work/ra" "$work/rb"
}

# Warm-up: every node's JIT settles before anything is measured.
for _ in 1 2; do for node in $a $b $solo; do book $node 16 /dev/null; book $node 64 /dev/null; done; done
echo "machine: $(nproc) cores, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), Redis $(redis-server --version | grep -oE 'v=[0-9.]+' | cut -c3-), ${seconds} s per run, wrk -t1 per node"
printf '%-24s %5s  %-28s %s\n' setup conns "req/s  p99 ms  failed (median)" "runs"
for conns in 16 64; do
    : >"$work/one"; : >"$work/two"; : >"$work/solo"
    for round in 1 2 3; do
        one_node $a "$conns" >>"$work/one"
        two_nodes "$conns" >>"$work/two"
        one_node $solo "$conns" >>"$work/solo"
    done
    for setup in one two solo; do
        case $setup in one) label="one node (Redis)";; two) label="two nodes (Redis)";; solo) label="one node (no Redis)";; esac
        printf '%-24s %5s  %-8s %-7s %-6s  %s\n' "$label" "$conns" "$(cut -d' ' -f1 "$work/$setup" | median)" \
            "$(cut -d' ' -f2 "$work/$setup" | median)" "$(cut -d' ' -f3 "$work/$setup" | median)" "$(tr '\n' ';' <"$work/$setup")"
    done
done
echo "bookings made: $("${psql[@]}" -d bench_nodes -c "SELECT count(*) FROM pickups WHERE street = '1 Bench Road'")"
