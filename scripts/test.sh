#!/usr/bin/env bash
# Runs every test of RecyclePlatform on a fresh Debian machine, with nothing set up before:
#   1. installs PostgreSQL 15, Redis and Chromium with apt-get when they are missing (needs root),
#   2. starts a throwaway PostgreSQL and Redis on free loopback ports (data under /tmp, removed at exit),
#   3. builds once and runs the unit, integration and functional (HTTP and browser) tests,
#   4. prints one closing line "N passed, N failed, N skipped" and exits non-zero on any
#      failure, on a build error, or when no test ran.
# Usage: bash scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Ledger]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Each ASP.NET host would otherwise take one of the machine's 128 inotify instances.
export DOTNET_hostBuilder__reloadConfigOnChange=false
pg_bin=/usr/lib/postgresql/15/bin
chromium_bin=/usr/bin/chromium
redis_bin=/usr/bin/redis-server

log() { printf '\n== %s\n' "$*"; }

# --- 1. what the tests need from the machine ------------------------------------------------
missing=()
[ -x "$pg_bin/postgres" ] || missing+=(postgresql-15)
[ -x "$chromium_bin" ] || missing+=(chromium)
[ -x "$redis_bin" ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "Missing ${missing[*]}: run this script as root or install them with apt-get." >&2
        exit 1
    fi
    log "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. a throwaway PostgreSQL --------------------------------------------------------------
work="$(mktemp -d /tmp/recycleplatform-tests.XXXXXX)"
chmod 755 "$work"
pgdata="$work/pgdata"
as_postgres=()
if [ "$(id -u)" = 0 ]; then
    # initdb and postgres refuse to run as root.
    chown postgres:postgres "$work"
    as_postgres=(runuser -u postgres --)
fi

cleanup() {
    status=$?
    if [ -f "$work/redis.pid" ]; then
        kill "$(cat "$work/redis.pid")" 2>/dev/null || true
    fi
    if [ -f "$pgdata/postmaster.pid" ]; then
        "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT INT TERM

# Below the kernel's ephemeral range (32768-60999), so no outgoing connection can be holding it.
port=25432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

log "Starting PostgreSQL on 127.0.0.1:$port"
cd "$work" # the postgres user cannot enter a private checkout folder
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
# Throwaway data: durability settings off for speed (never for benchmarks).
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c autovacuum=off" \
    >/dev/null || { cat "$work/postgres.log"; exit 1; }
"${as_postgres[@]}" "$pg_bin/psql" -h "$work" -p "$port" -U postgres -qAt \
    -c "CREATE ROLE recycle LOGIN CREATEDB PASSWORD 'recycle-tests' IN ROLE pg_signal_backend" >/dev/null
# pg_signal_backend lets a fixture's DROP DATABASE ... WITH (FORCE) end any session still open on it.
# recycle owns what it creates and migrates; the app under test connects as recycle_app, which owns
# nothing and gets only the grants a deployment gives it (docs/configuration.md, least privilege).
"${as_postgres[@]}" "$pg_bin/psql" -h "$work" -p "$port" -U postgres -qAt \
    -c "CREATE ROLE recycle_app LOGIN PASSWORD 'recycle-app-tests'" >/dev/null
export RECYCLE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=recycle;Password=recycle-tests;Database=postgres;Pooling=true;Maximum Pool Size=50"
export RECYCLE_TEST_POSTGRES_APP="Host=127.0.0.1;Port=$port;Username=recycle_app;Password=recycle-app-tests;Database=postgres;Pooling=true;Maximum Pool Size=50"
export RECYCLE_TEST_CHROMIUM="$chromium_bin"
# The test browser draws Chinese with the Noto Sans SC subset the app ships for its impact cards: a fresh
# machine may have no CJK font at all, and the screenshots of Chinese pages would show boxes.
cat >"$work/fonts.conf" <<FONTS
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$root/src/RecyclePlatform.Infrastructure/Images/Fonts</dir>
  <cachedir>$work/fontconfig</cachedir>
</fontconfig>
FONTS
export FONTCONFIG_FILE="$work/fonts.conf"

# Redis, for the rate limits shared by several nodes: in memory only, nothing written to disk.
redis_port=$((port + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((redis_port + 1)); done
log "Starting Redis on 127.0.0.1:$redis_port"
"$redis_bin" --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null || { cat "$work/redis.log"; exit 1; }
export RECYCLE_TEST_REDIS="127.0.0.1:$redis_port"
cd "$root"

# --- 3. build once, then each test project in turn ------------------------------------------
# A clean Release build takes ~0.9 GB (Directory.Build.targets keeps only this platform's native libraries).
log "Building ($(df -h --output=avail . | tail -1 | tr -d ' ') free on this disk)"
dotnet build RecyclePlatform.sln -c Release -nologo -clp:ErrorsOnly

results="$root/.test-output/results"
rm -rf "$results"
mkdir -p "$results"
overall=0
failed_runs=0
for project in tests/RecyclePlatform.UnitTests tests/RecyclePlatform.IntegrationTests tests/RecyclePlatform.FunctionalTests; do
    name="$(basename "$project")"
    log "Testing $name"
    if ! dotnet test "$project" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
        --results-directory "$results" "$@"; then
        overall=1
        # A fixture that fails to start or clean up fails the run without failing a counted test.
        if ! grep -q 'failed="[1-9]' "$results/$name.trx" 2>/dev/null; then
            failed_runs=$((failed_runs + 1))
            echo "$name failed outside its tests (fixture set-up or clean-up, or a crash): see above." >&2
        fi
    fi
done

# --- 4. one closing line --------------------------------------------------------------------
passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    t="$(get total)"; p="$(get passed)"; f="$(get failed)"; e="$(get error)"; x="$(get timeout)"; a="$(get aborted)"
    total=$((total + ${t:-0})); passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0} + ${a:-0}))
    skipped=$((skipped + ${t:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${x:-0} - ${a:-0}))
done

failed=$((failed + failed_runs))
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then
    echo "No test ran." >&2
    exit 1
fi
if [ "$overall" -ne 0 ] || [ "$failed" -ne 0 ]; then
    exit 1
fi
