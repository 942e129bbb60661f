#!/usr/bin/env bash
# Cold logins per second: every request a user whose password the server has not checked yet, so
# each one pays its slow hash (no verified-login cache), on `mvn jetty:run` with a realm of USERS
# such users, hashed with Argon2id (the default) and then with PBKDF2 (600,000 iterations, as
# earlier builds and Tomcat's digest tool wrote it), in one run, each server alone on the machine.
# A cold PBKDF2 login also pays its upgrade: the server hashes the password again with Argon2id
# and rewrites the realm file, once per user (docs/operations.md, Password hashes). After
# mvn package (or mvn verify), from anywhere:
#
#   bench/cold-logins.sh
#
# Environment: USERS (600 per scheme; the run must not get through them all), DURATION (10s),
# CONNECTIONS (8), PORT (18097). wrk runs one thread: its users are taken in turn (bench/cold.lua).
# Its servers listen on 127.0.0.1 only and stop when it ends.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-cold
USERS=${USERS:-600}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18097}

# shellcheck source=wrk.sh
. "$ROOT/bench/wrk.sh"

[ -f "$ROOT/target/secure-rest-api-users.jar" ] || { echo "target/secure-rest-api-users.jar is missing: run mvn package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK"

# shellcheck source=dev-server.sh
. "$ROOT/bench/dev-server.sh"

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "mvn jetty:run, wrk -t1 -c$CONNECTIONS -d$DURATION, $USERS users per scheme, each logged in once"
echo
echo "| scheme | hash here (ms of one core, made on all cores) | cold logins | cold logins/s | non-2xx |"
echo "|---|---:|---:|---:|---:|"
rates=()
for scheme in argon2id pbkdf2; do
  made=$(java -cp "$ROOT/target/secure-rest-api-users.jar" "$ROOT/bench/ColdRealm.java" "$WORK/$scheme.properties" "$scheme" "$USERS")
  for i in $(seq "$USERS"); do printf 'Basic %s\n' "$(printf 'cold-%s:cold-pass-%s' "$i" "$i" | base64 -w0)"; done > "$WORK/$scheme.auth"

  start_server "$WORK/$scheme.properties" "$WORK/$scheme.log"

  out=$(COLD_AUTH_FILE="$WORK/$scheme.auth" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/cold.lua" "http://127.0.0.1:$PORT/")
  stop_server
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<< "$out")
  [ "$requests" -lt "$USERS" ] || { echo "$scheme: $requests requests got through all $USERS users: raise USERS" >&2; exit 1; }
  printf '| %s | %s | %s | %.1f | %s |\n' "$scheme" "$(sed -E 's/.*, ([0-9]+) ms.*/\1/' <<< "$made")" "$requests" "$rate" "${errors:-0}"
  rates+=("$rate")
done
echo
awk -v a="${rates[0]}" -v p="${rates[1]}" 'BEGIN {printf "Argon2id cold logins per second ÷ PBKDF2 (with its upgrade): %.2f\n", a / p}'
