#!/usr/bin/env bash
# Throughput, p99 and CPU per request through HAProxy with 1, 2 and 3 nodes of the cluster
# src/main/cluster/cluster.sh runs (docs/several-instances.md), each endpoint measured with
# wrk while the CPU time of every part is read from /proc before and after: the nodes' JVMs,
# HAProxy, PostgreSQL (all its processes) and wrk itself. After mvn package:
#
#   bench/cluster.sh                 # prints one table per node count, then the CPU per request
#
# Environment: DURATION (10s per endpoint), WARMUP (15s per endpoint and node count),
# CONNECTIONS (32), THREADS (2). The cluster listens on 127.0.0.1 only and is stopped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export CLUSTER_DIR=${CLUSTER_DIR:-$ROOT/target/bench-cluster}
export CLUSTER_PORT=${CLUSTER_PORT:-18280} CLUSTER_TLS_PORT=${CLUSTER_TLS_PORT:-18285}
export CLUSTER_NODE1_PORT=18281 CLUSTER_NODE2_PORT=18282 CLUSTER_NODE3_PORT=18283 CLUSTER_PG_PORT=18284
export CLUSTER_LIFETIME=${CLUSTER_LIFETIME:-3600}
export CLUSTER_OWNER_PID=$$ # the cluster goes when this script does, however it ends
CLUSTER="$ROOT/src/main/cluster/cluster.sh"
# over HTTPS, as clients reach it: HAProxy ends TLS (the nodes redirect plain HTTP)
BASE="https://127.0.0.1:$CLUSTER_TLS_PORT"

command -v wrk > /dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq wrk time > /dev/null; }
rm -rf "$CLUSTER_DIR"
trap '"$CLUSTER" stop > /dev/null 2>&1 || true' EXIT
"$CLUSTER" start > /dev/null
PG_DIR=$(readlink -e "$CLUSTER_DIR/pg") # PostgreSQL's folder: cluster.sh keeps it outside CLUSTER_DIR

AUTH="Authorization: Basic $(printf '%s' admin:SuperSecretPwd | base64 -w0)"
export BENCH_AUTH="$AUTH"
for i in $(seq 100); do
  curl -fsS --cacert "$ROOT/target/dev-tls/localhost.pem" -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench seed\",\"email\":\"seed-$i@example.org\"}" "$BASE/api/v1/subscribers"
done

TICK=$(getconf CLK_TCK)
cpu_of() { # pids: CPU seconds used so far (user + system)
  local total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
node_pids() { for n in "$@"; do for p in $(pgrep -f "$CLUSTER_DIR/$n/"); do [ "$(cat /proc/"$p"/comm)" = java ] && echo "$p"; done; done; }
haproxy_pids() { pgrep -x haproxy; }
postgres_pids() { local master; master=$(head -1 "$PG_DIR/data/postmaster.pid"); echo "$master"; pgrep -P "$master"; }

# endpoint name, then wrk arguments; prints "rps p99 cpu_node_us cpu_haproxy_us cpu_pg_us cpu_wrk_us" per request
measure() {
  local nodes=$1; shift
  local n_before h_before p_before out rps p99 requests
  n_before=$(cpu_of $(node_pids $nodes)); h_before=$(cpu_of $(haproxy_pids)); p_before=$(cpu_of $(postgres_pids))
  out=$( { /usr/bin/time -f 'WRKCPU %U %S' wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; } 2>&1 )
  local n_after h_after p_after
  n_after=$(cpu_of $(node_pids $nodes)); h_after=$(cpu_of $(haproxy_pids)); p_after=$(cpu_of $(postgres_pids))
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  local errors; errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<< "$out")
  local wrk_cpu; wrk_cpu=$(awk '/^WRKCPU/ {print $2 + $3}' <<< "$out")
  awk -v r="$requests" -v n=$((n_after - n_before)) -v h=$((h_after - h_before)) -v p=$((p_after - p_before)) -v w="$wrk_cpu" \
    -v t="$TICK" -v rps="$rps" -v p99="$p99" -v e="${errors:-0}" \
    'BEGIN {printf "%s %s %.0f %.0f %.0f %.0f %s\n", rps, p99, n / t / r * 1e6, h / t / r * 1e6, p / t / r * 1e6, w / r * 1e6, e}'
}

# the creates of each run go again, so every list is measured over the same 100 subscribers
forget_creates() {
  local psql; psql=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$psql" -q -h "$PG_DIR" -p "$CLUSTER_PG_PORT" -U postgres -d subscribers \
    -c "DELETE FROM subscribers WHERE email LIKE 'bench-%'" > /dev/null
}

run_endpoints() { # nodes in service
  local nodes=$1
  for args in "health|$BASE/api/v1/health" "private|-H|$AUTH|$BASE/api/v1/private" \
              "list|-H|$AUTH|$BASE/api/v1/subscribers?limit=100" "create|-s|$ROOT/bench/create.lua|$BASE"; do
    IFS='|' read -r -a a <<< "$args"
    local name=${a[0]}
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${a[@]:1}" > /dev/null
    echo "$name $(measure "$nodes" "${a[@]:1}")"
    [ "$name" = create ] && forget_creates
  done
}

echo "warming every node up (${WARMUP} per endpoint)..." >&2
for args in "$BASE/api/v1/health" "-H|$AUTH|$BASE/api/v1/private" "-H|$AUTH|$BASE/api/v1/subscribers?limit=100" \
            "-s|$ROOT/bench/create.lua|$BASE"; do
  IFS='|' read -r -a a <<< "$args"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${a[@]}" > /dev/null
done
forget_creates

echo "$(date -u +%Y-%m-%dT%H:%MZ) through HAProxy, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) cores"
for count in 1 2 3; do
  in_service="n1 n2 n3"; in_service=$(echo "$in_service" | cut -d' ' -f1-"$count")
  for n in n1 n2 n3; do
    if [[ " $in_service " == *" $n "* ]]; then state=ready; else state=maint; fi
    echo "set server nodes/$n state $state" | socat stdio "unix-connect:$CLUSTER_DIR/haproxy.sock" > /dev/null
  done
  sleep 3
  echo
  echo "### $count node(s): $in_service"
  echo
  echo "| endpoint | req/s | p99 | node CPU µs/req | HAProxy CPU µs/req | PostgreSQL CPU µs/req | wrk CPU µs/req | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  run_endpoints "n1 n2 n3" | while read -r name rps p99 node ha pg w errors; do
    echo "| $name | $rps | $p99 | $node | $ha | $pg | $w | $errors |"
  done
done
