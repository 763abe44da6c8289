# Shared by bench/http.sh and bench/nodes.sh (sourced, not run): a durable throwaway PostgreSQL, the
# process clean-up, and the helpers that read wrk's output.
#   bench_postgres PREFIX FIRST_PORT DATABASE   sets work, port, psql and as_postgres; creates DATABASE
pg_bin=/usr/lib/postgresql/15/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_hostBuilder__reloadConfigOnChange=false
pids=()

# bench_install PROGRAM...: Debian packages (named as the programs) that are missing.
bench_install() {
    local missing=() program
    for program in "$@"; do command -v "$program" >/dev/null || missing+=("$program"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || { echo "missing ${missing[*]}: apt-get install them (as root)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

bench_cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
    [ -f "$work/pgdata/postmaster.pid" ] && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}

# Durable (fsync on): nothing is tuned for speed at the cost of safety.
bench_postgres() {
    work="$(mktemp -d "/tmp/$1.XXXXXX")"
    chmod 755 "$work"
    as_postgres=()
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
    trap bench_cleanup EXIT INT TERM
    port="$2"
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    (cd "$work" && "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
    (cd "$work" && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c shared_buffers=512MB -c max_connections=300 -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null)
    psql=("$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA)
    "${psql[@]}" -d postgres -c "CREATE DATABASE $3" >/dev/null
}

# open_slots URL: the ids of the open windows a slots listing returns, comma-separated.
open_slots() {
    curl -fs "$1" | grep -oE '"id":"[0-9a-f-]{36}","districtId":"[0-9a-f-]{36}","date":"[0-9-]+","startsAt":"[^"]+","endsAt":"[^"]+","localStart":"[^"]+","localEnd":"[^"]+","placesLeft":[0-9]+,"open":true' \
        | sed -E 's/^"id":"([0-9a-f-]{36})".*/\1/' | tr '\n' ',' | sed 's/,$//'
}

# wrk's latency ("850.12us", "3.2ms", "1.1s") in milliseconds; the median of numbers on stdin.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# wrk's failed answers: non-2xx/3xx and socket errors.
failed_of() { awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$1"; }
