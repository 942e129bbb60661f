#!/usr/bin/env bash
# Throughput of the API against a running server, as ratios to GET /api/v1/health measured in
# the same run (the public, cheapest endpoint: the reference for per-request overhead).
#
#   mvn jetty:run                  # in another shell, or any deployment of the WAR
#   bench/endpoints.sh [BASE_URL]  # default http://localhost:8080
#
# Environment: DURATION (default 20s per endpoint), CONNECTIONS (16), THREADS (2),
# WARMUP (30s per endpoint), ROUNDS (5), ROUND (10s), USER_PASS (admin:SuperSecretPwd).
#
# Authenticated against public is measured twice: once like the others, and in ROUNDS
# alternating pairs (health, then private, ROUND each), whose median ratio is the figure to
# quote: on a shared machine the reference drifts by tens of percent between runs, and
# alternating keeps each ratio's two numbers close in time.
# It adds subscribers (at least 100 for the list run, plus every create it measures).
set -euo pipefail
cd "$(dirname "$0")"

BASE=${1:-http://localhost:8080}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-30s}
ROUNDS=${ROUNDS:-5}
ROUND=${ROUND:-10s}
USER_PASS=${USER_PASS:-admin:SuperSecretPwd}

# shellcheck source=wrk.sh
. ./wrk.sh

AUTH="Authorization: Basic $(printf '%s' "$USER_PASS" | base64 -w0)"
export BENCH_AUTH="$AUTH"

curl -fsS -o /dev/null "$BASE/api/v1/health" || { echo "no server answers at $BASE" >&2; exit 2; }

# at least 100 subscribers, so that a page of 100 is full
total=$(curl -fsS -H "$AUTH" "$BASE/api/v1/subscribers?limit=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
run=$(date +%s)
while [ "$total" -lt 100 ]; do
  curl -fsS -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench seed\",\"email\":\"seed-$run-$total@example.org\"}" "$BASE/api/v1/subscribers"
  total=$((total + 1))
done

rate() { # wrk arguments; prints requests/s
  wrk -t"$THREADS" -c"$CONNECTIONS" "$@" | awk '/^Requests\/sec:/ {print $2}'
}

measure() { # name, then wrk arguments; prints "name requests/s non-2xx"
  local name=$1; shift
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@")
  local rps errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<< "$out")
  echo "$name ${rps} ${errors:-0}"
}

echo "warming up ($WARMUP per endpoint)..." >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE/api/v1/health" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "$BASE/api/v1/private" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "$BASE/api/v1/subscribers?limit=100" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s create.lua "$BASE" > /dev/null

results=$(
  measure "GET /api/v1/health" "$BASE/api/v1/health"
  measure "GET /api/v1/private" -H "$AUTH" "$BASE/api/v1/private"
  measure "GET /api/v1/subscribers?limit=100" -H "$AUTH" "$BASE/api/v1/subscribers?limit=100"
  measure "POST /api/v1/subscribers" -s create.lua "$BASE"
)

reference=$(awk 'NR == 1 {print $(NF - 1)}' <<< "$results")
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ) $BASE  wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores"
echo
echo "| endpoint | requests/s | ratio to health | non-2xx |"
echo "|---|---:|---:|---:|"
while read -r line; do
  errors=${line##* }; rest=${line% *}
  rps=${rest##* }; name=${rest% *}
  ratio=$(awk -v a="$rps" -v b="$reference" 'BEGIN {printf "%.3f", a / b}')
  echo "| \`$name\` | $rps | $ratio | $errors |"
done <<< "$results"

echo
echo "Authenticated against public in $ROUNDS alternating rounds of $ROUND each:"
echo
echo "| round | health req/s | private req/s | ratio |"
echo "|---:|---:|---:|---:|"
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  public=$(rate -d"$ROUND" "$BASE/api/v1/health")
  private=$(rate -d"$ROUND" -H "$AUTH" "$BASE/api/v1/private")
  ratio=$(awk -v a="$private" -v b="$public" 'BEGIN {printf "%.3f", a / b}')
  ratios+=("$ratio")
  echo "| $round | $public | $private | $ratio |"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
echo
echo "median ratio, authenticated GET /api/v1/private to public GET /api/v1/health: $median"
