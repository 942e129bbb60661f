#!/usr/bin/env bash
# The benchmark with the users in PostgreSQL (docs/several-instances.md, "Users in PostgreSQL"), on both
# containers: a throwaway PostgreSQL server, then a stock Tomcat and a stock
# Jetty, each set up by the docs' own blocks (the ones the ITs run) and measured by endpoints.sh in turn,
# alone on the machine. After mvn package (or mvn verify), from anywhere:
#
#   bench/shared-users.sh          # prints endpoints.sh's tables for Tomcat, then for Jetty
#
# Needs Debian's postgresql (installed if missing, as root) and wrk (endpoints.sh installs it). Its
# servers listen on 127.0.0.1 only and stop when it ends. Environment as endpoints.sh's.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-shared-users
PG_PORT=${PG_PORT:-55433}
TOMCAT_PORT=${TOMCAT_PORT:-18090}
JETTY_PORT=${JETTY_PORT:-18091}

# shellcheck source=../src/main/cluster/blocks.sh
. "$ROOT/src/main/cluster/blocks.sh"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres > /dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "PostgreSQL is missing: sudo apt-get install -y postgresql" >&2; exit 2; }
  apt-get update -qq && apt-get install -y -qq postgresql > /dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# PostgreSQL's folder is outside the checkout, which the postgres account may not enter (a home
# folder); 0700 and that account's alone, its socket too
PG=$(mktemp -d /tmp/secure-rest-api-bench-pg.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  as_postgres "$PG_BIN"/pg_ctl -D "$PG"/data stop -m fast > /dev/null 2>&1 || true
  rm -rf "$PG"
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK"/target
[ "$(id -u)" = 0 ] && chown postgres: "$PG"
auth=trust; [ "$(id -u)" = 0 ] && auth=peer
as_postgres "$PG_BIN"/initdb -D "$PG"/data -U postgres --auth-local=$auth --auth-host=scram-sha-256 -E UTF8 > /dev/null
as_postgres timeout 3600 "$PG_BIN"/postgres -D "$PG"/data -p "$PG_PORT" -k "$PG" -c listen_addresses=127.0.0.1 \
  > "$WORK"/postgres.log 2>&1 &
pids+=($!)
for _ in $(seq 60); do as_postgres "$PG_BIN"/pg_isready -q -h "$PG" -p "$PG_PORT" && break; sleep 0.5; done
as_postgres "$PG_BIN"/psql -q -h "$PG" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE subscribers LOGIN PASSWORD 'change-me'" -c "CREATE DATABASE subscribers OWNER subscribers"

cp "$ROOT"/target/secure-rest-api.war "$ROOT"/target/secure-rest-api-users.jar "$WORK"/target/
cd "$WORK"

await() { # port
  for _ in $(seq 240); do curl -fsS -o /dev/null "http://127.0.0.1:$1/api/v1/health" 2> /dev/null && return; sleep 0.5; done
  echo "nothing answers on port $1; see $WORK/*.log" >&2; exit 1
}

# Tomcat: README's install, PostgreSQL and shared-users steps, on our port
( block tomcat-install; block tomcat-postgresql; block tomcat-users-postgresql
  echo "sed -i 's/port=\"8080\"/port=\"$TOMCAT_PORT\" address=\"127.0.0.1\"/; s/port=\"8005\"/port=\"-1\"/' \"\$CATALINA_HOME\"/conf/server.xml"
  echo "exec timeout 3600 \"\$CATALINA_HOME\"/bin/catalina.sh run" ) > tomcat.sh
bash -euo pipefail tomcat.sh > tomcat.log 2>&1 &
pids+=($!)
await "$TOMCAT_PORT"

# the users, by README's block (the tables exist once an instance has started)
block users-postgresql > users.sh
bash -euo pipefail users.sh > users.log

echo "### Tomcat 11, users in PostgreSQL"
"$ROOT"/bench/endpoints.sh "http://127.0.0.1:$TOMCAT_PORT"
kill "${pids[1]}"; wait "${pids[1]}" 2> /dev/null || true

( block jetty-install; block jetty-postgresql; block jetty-users-postgresql
  echo "cd \"\$JETTY_BASE\" && exec timeout 3600 java -jar \"\$JETTY_HOME\"/start.jar jetty.http.host=127.0.0.1 jetty.http.port=$JETTY_PORT" ) > jetty.sh
bash -euo pipefail jetty.sh > jetty.log 2>&1 &
pids+=($!)
await "$JETTY_PORT"

echo
echo "### Jetty 12.1 standalone, users in PostgreSQL"
"$ROOT"/bench/endpoints.sh "http://127.0.0.1:$JETTY_PORT"
