#!/usr/bin/env bash
# Access tokens against passwords, cold and warm, on one `mvn jetty:run` in one run: a realm of
# USERS users hashed with Argon2id (bench/ColdRealm.java) and TOKENS read tokens shared out among
# them (bench/ColdTokens.java), then wrk (-t1 -cCONNECTIONS -dDURATION) four times:
#   cold passwords: each request a user whose password this server has not checked yet (a slow hash);
#   cold tokens:    each request a token this server has not seen yet (an HMAC and a look-up);
#   warm passwords: one user again and again (the verified-login cache);
#   warm tokens:    one token again and again.
# After mvn package (or mvn verify), from anywhere:
#
#   bench/tokens.sh
#
# Environment: USERS (600), TOKENS (400000; neither cold run may get through all of its own),
# DURATION (10s), CONNECTIONS (8), PORT (18099). Its server listens on 127.0.0.1 only and stops when it ends.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-tokens
USERS=${USERS:-600}
TOKENS=${TOKENS:-400000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18099}

# shellcheck source=wrk.sh
. "$ROOT/bench/wrk.sh"

JAR=$ROOT/target/secure-rest-api-users.jar
[ -f "$JAR" ] || { echo "target/secure-rest-api-users.jar is missing: run mvn package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK"

# shellcheck source=dev-server.sh
. "$ROOT/bench/dev-server.sh"

java -cp "$JAR" "$ROOT/bench/ColdRealm.java" "$WORK/realm.properties" argon2id "$USERS" > /dev/null
java -cp "$JAR" "$ROOT/bench/ColdTokens.java" "$WORK/realm.properties" "$USERS" "$TOKENS" "$WORK/tokens.auth" > /dev/null
for i in $(seq "$USERS"); do printf 'Basic %s\n' "$(printf 'cold-%s:cold-pass-%s' "$i" "$i" | base64 -w0)"; done > "$WORK/passwords.auth"
head -1 "$WORK/passwords.auth" > "$WORK/warm-password.auth"
tail -1 "$WORK/tokens.auth" > "$WORK/warm-token.auth"

start_server "$WORK/realm.properties" "$WORK/server.log"
# the server's JIT warmed on the warm paths first, as in bench/run.sh (the cold runs use other users and tokens)
for auth in warm-password warm-token; do
  COLD_AUTH_FILE="$WORK/$auth.auth" wrk -t1 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/cold.lua" "http://127.0.0.1:$PORT/" > /dev/null
done

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "mvn jetty:run, wrk -t1 -c$CONNECTIONS -d$DURATION; $USERS Argon2id users, $TOKENS read tokens"
echo
echo "| login | requests | requests/s | non-2xx |"
echo "|---|---:|---:|---:|"
declare -A rates
# warm first: a cold token run leaves a flush of its last uses (a rewrite of the token file) behind it
for run in warm:warm-password warm:warm-token cold:passwords cold:tokens; do
  kind=${run%%:*}
  file=${run#*:}
  out=$(COLD_AUTH_FILE="$WORK/$file.auth" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/cold.lua" "http://127.0.0.1:$PORT/")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<< "$out")
  if [ "$kind" = cold ]; then
    lines=$(wc -l < "$WORK/$file.auth")
    [ "$requests" -lt "$lines" ] || { echo "$file: $requests requests got through all $lines: raise USERS or TOKENS" >&2; exit 1; }
  fi
  label="$kind ${file#warm-}"
  printf '| %s | %s | %.1f | %s |\n' "$label" "$requests" "$rate" "${errors:-0}"
  rates[$run]=$rate
done
stop_server
echo
awk -v t="${rates[cold:tokens]}" -v p="${rates[cold:passwords]}" 'BEGIN {printf "cold token logins per second ÷ cold password logins: %.0f\n", t / p}'
awk -v t="${rates[warm:warm-token]}" -v p="${rates[warm:warm-password]}" 'BEGIN {printf "warm token logins per second ÷ warm password logins: %.2f\n", t / p}'
