#!/usr/bin/env bash
# Several instances on this machine, as docs/ and README.md set each part up: a PostgreSQL server,
# three nodes running the same WAR (n1 and n3 on stock Tomcat 11, n2 on stock
# Jetty 12.1), all on that database with their users in it, and HAProxy in front. Everything
# listens on 127.0.0.1 only and lives under CLUSTER_DIR. After mvn package (or mvn verify):
#
#   src/main/cluster/cluster.sh start          # HAProxy on https://localhost:8443 (TLS ends there) and
#                                              # http://localhost:8080 (redirected); users admin, roy
#   src/main/cluster/cluster.sh status         # HAProxy's view of each node
#   src/main/cluster/cluster.sh restart n2     # one step of a rolling restart: drain, stop, start, ready
#   src/main/cluster/cluster.sh term n2        # SIGTERM alone: it finishes the requests it holds, then exits
#   src/main/cluster/cluster.sh kill n2        # kill -9, as a crash would
#   src/main/cluster/cluster.sh start-node n2  # after a kill
#   src/main/cluster/cluster.sh restart-db     # PostgreSQL stops (fast) and starts again (or stop-db, start-db)
#   src/main/cluster/cluster.sh stop
#
# `start` starts what is not running yet, so it also brings a stopped cluster back with its data.
# Environment: CLUSTER_DIR (target/cluster), CLUSTER_PORT (8080), CLUSTER_TLS_PORT (8443),
# CLUSTER_NODE1_PORT..3 (18081..18083),
# CLUSTER_PG_PORT (55432), CLUSTER_LIFETIME (seconds every process lives at most; none by default),
# CLUSTER_OWNER_PID (for tests and scripts: once that process has ended, however it ended, the
# cluster stops and its database is deleted).
# PostgreSQL keeps its data and socket in a folder of its own under /tmp, linked from
# CLUSTER_DIR/pg: the postgres account runs it and may not enter a checkout under a home folder.
# HAProxy ends TLS with the build's development certificate (target/dev-tls; DEVELOPMENT ONLY).
# Needs Debian's postgresql, haproxy, socat and openssl: installed if missing, as root.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
export CLUSTER_CONFIG="$ROOT/src/main/cluster"
export CLUSTER_DIR=${CLUSTER_DIR:-$ROOT/target/cluster}
export CLUSTER_PORT=${CLUSTER_PORT:-8080}
export CLUSTER_TLS_PORT=${CLUSTER_TLS_PORT:-8443}
export CLUSTER_NODE1_PORT=${CLUSTER_NODE1_PORT:-18081}
export CLUSTER_NODE2_PORT=${CLUSTER_NODE2_PORT:-18082}
export CLUSTER_NODE3_PORT=${CLUSTER_NODE3_PORT:-18083}
CLUSTER_PG_PORT=${CLUSTER_PG_PORT:-55432}
LIFETIME=${CLUSTER_LIFETIME:+timeout $CLUSTER_LIFETIME}

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*"; }

node_kind() { case $1 in n1|n3) echo tomcat ;; n2) echo jetty ;; *) die "no node $1 (n1, n2, n3)" ;; esac; }
node_port() { case $1 in n1) echo "$CLUSTER_NODE1_PORT" ;; n2) echo "$CLUSTER_NODE2_PORT" ;; n3) echo "$CLUSTER_NODE3_PORT" ;; esac; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }
# PostgreSQL's folder (data, socket), reached through the link and never through CLUSTER_DIR
pg_dir() { readlink -e "$CLUSTER_DIR/pg" || true; }
pg_running() { local dir; dir=$(pg_dir); [ -n "$dir" ] && as_postgres "$(pg_bin)"/pg_isready -q -h "$dir" -p "$CLUSTER_PG_PORT"; }

PG_PORT=$CLUSTER_PG_PORT
# shellcheck source=blocks.sh
. "$CLUSTER_CONFIG/blocks.sh"

haproxy_cli() { echo "$1" | socat stdio "unix-connect:$CLUSTER_DIR/haproxy.sock"; }

# The state HAProxy gives a node (UP, DOWN, DRAIN, MAINT, ...), and its current sessions.
haproxy_state() { haproxy_cli "show stat" | awk -F, -v n="$1" '$1 == "nodes" && $2 == n { print $18 }'; }
haproxy_sessions() { haproxy_cli "show stat" | awk -F, -v n="$1" '$1 == "nodes" && $2 == n { print $5 }'; }
haproxy_up() { [ "$(haproxy_state "$1")" = UP ]; }
drained() { [ "$(haproxy_sessions "$1")" = 0 ]; }

await() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq $((limit * 4))); do "$@" > /dev/null 2>&1 && return 0; sleep 0.25; done
  die "$what: not within $limit s"
}

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$(node_port "$1")/api/v1/health/ready"; }
node_java() { # the JVM of node $1
  for pid in $(pgrep -f "$CLUSTER_DIR/$1/" || true); do
    [ "$(cat /proc/"$pid"/comm 2> /dev/null)" = java ] && echo "$pid"
  done
}

tools() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null || missing+=(postgresql)
  command -v haproxy > /dev/null || missing+=(haproxy)
  command -v socat > /dev/null || missing+=(socat)
  command -v openssl > /dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "needs ${missing[*]}: sudo apt-get install -y ${missing[*]}"
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
  for artifact in secure-rest-api.war secure-rest-api-users.jar dev-tls/localhost.p12; do
    [ -f "$ROOT/target/$artifact" ] || die "target/$artifact is missing: run mvn package first"
  done
}

FRESH_DB= # set by start_db when it made a new database

start_db() {
  local bin dir; bin=$(pg_bin); dir=$(pg_dir)
  if pg_running; then return 0; fi
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    # 0700 and the server's account's alone: its socket is reached by that account (and root) only
    dir=$(mktemp -d /tmp/secure-rest-api-cluster-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    ln -sfn "$dir" "$CLUSTER_DIR/pg"
    # as root the server runs as postgres and local connections must be that account (peer); run
    # by another account, the server is that account's and so is the 0700 socket folder
    local auth=trust; [ "$(id -u)" = 0 ] && auth=peer
    as_postgres "$bin"/initdb -D "$dir/data" -U postgres --auth-local=$auth --auth-host=scram-sha-256 -E UTF8 > /dev/null
    FRESH_DB=1
  fi
  (setsid bash -c "$(declare -f as_postgres); as_postgres $LIFETIME \"$bin\"/postgres -D \"$dir/data\" \
      -p $CLUSTER_PG_PORT -k \"$dir\" -c listen_addresses=127.0.0.1" >> "$CLUSTER_DIR/postgres.log" 2>&1 < /dev/null &)
  await 60 "PostgreSQL on port $CLUSTER_PG_PORT" pg_running
  if [ -n "$FRESH_DB" ]; then
    as_postgres "$bin"/psql -q -h "$dir" -p "$CLUSTER_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE subscribers LOGIN PASSWORD 'change-me'" -c "CREATE DATABASE subscribers OWNER subscribers"
  fi
}

stop_db() {
  local dir; dir=$(pg_dir)
  [ -n "$dir" ] && as_postgres "$(pg_bin)"/pg_ctl -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
}

# Process CLUSTER_OWNER_PID's start time (the kernel's count), or nothing once it has ended: a new
# process that gets the pid is not the owner.
owner_started() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 0
  read -r -a fields <<< "${stat##*) }"
  echo "${fields[19]}"
}

# With CLUSTER_OWNER_PID set, one watcher per cluster stops it, and deletes its database, once
# that process has ended however it ended (kill -9 too).
watch_owner() {
  [ -n "${CLUSTER_OWNER_PID:-}" ] || return 0
  local pid; pid=$(cat "$CLUSTER_DIR/owner-watch.pid" 2> /dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null && return 0
  local birth; birth=$(owner_started "$CLUSTER_OWNER_PID")
  [ -n "$birth" ] || die "CLUSTER_OWNER_PID $CLUSTER_OWNER_PID is not running"
  (setsid bash "$0" watch-owner "$birth" >> "$CLUSTER_DIR/owner-watch.log" 2>&1 < /dev/null &)
}

# A node's install, as docs/deploy-*.md and README.md say, in a directory of its own.
install_node() {
  local node=$1 port; port=$(node_port "$1")
  local dir="$CLUSTER_DIR/$node"
  mkdir -p "$dir/target"
  cp "$ROOT"/target/secure-rest-api.war "$ROOT"/target/secure-rest-api-users.jar "$dir/target/"
  if [ "$(node_kind "$node")" = tomcat ]; then
    { block tomcat-install; block tomcat-postgresql; block tomcat-users-postgresql; block tomcat-several | public_url
      echo "sed -i 's/port=\"8080\"/port=\"$port\" address=\"127.0.0.1\"/; s/port=\"8005\"/port=\"-1\"/' \"\$CATALINA_HOME\"/conf/server.xml"
    } > "$dir/install.sh"
  else
    { block jetty-install; block jetty-postgresql; block jetty-users-postgresql; block jetty-several | public_url; } > "$dir/install.sh"
  fi
  (cd "$dir" && bash -euo pipefail install.sh > install.log 2>&1) || die "$node did not install; see $dir/install.log"
}

start_node() {
  local node=$1
  [ -d "$CLUSTER_DIR/$node/target/deploy" ] || install_node "$node"
  [ -z "$(node_java "$node")" ] || die "$node runs already"
  launch_node "$node"
  await 180 "$node ready on port $(node_port "$node")" ready "$node"
  say "$node ($(node_kind "$node")) ready on 127.0.0.1:$(node_port "$node")"
}

launch_node() { # the installed node's server, in the background: not waiting for it
  local node=$1 port; port=$(node_port "$1")
  local dir="$CLUSTER_DIR/$node"
  if [ "$(node_kind "$node")" = tomcat ]; then
    echo "export CATALINA_HOME=\"$dir/target/deploy/apache-tomcat-11.0.24\"; exec $LIFETIME \"\$CATALINA_HOME\"/bin/catalina.sh run" > "$dir/start.sh"
  else
    echo "cd \"$dir/target/deploy/jetty-base\" && exec $LIFETIME java -jar \"$dir/target/deploy/jetty-home-12.1.12/start.jar\" jetty.http.host=127.0.0.1 jetty.http.port=$port" > "$dir/start.sh"
  fi
  # cd first, on its own: "cd && server &" would put a shell in the background that waits for the
  # server while holding this script's output open (cluster.sh start | ... would never end)
  (cd "$dir" || exit 1; setsid env -u CATALINA_HOME -u CATALINA_BASE -u JETTY_HOME -u JETTY_BASE bash start.sh >> node.log 2>&1 < /dev/null &)
}

stop_node() { # SIGTERM: readiness fails, the requests in progress finish, then it exits
  local pid; pid=$(node_java "$1")
  [ -n "$pid" ] || return 0
  kill -TERM $pid
  for _ in $(seq 120); do kill -0 $pid 2> /dev/null || return 0; sleep 0.25; done
  die "$1 did not stop within 30 s"
}

# The nodes' public URL is where HAProxy serves HTTPS here
public_url() { sed "s#https://localhost:8443#https://localhost:$CLUSTER_TLS_PORT#"; }

# HAProxy wants the key and certificate in one PEM: made from the build's development keystore,
# readable by this account alone
haproxy_tls() {
  mkdir -p "$CLUSTER_DIR/tls" && chmod 700 "$CLUSTER_DIR/tls"
  (umask 077 && openssl pkcs12 -in "$ROOT/target/dev-tls/localhost.p12" -passin pass:dev-only -nodes \
    -out "$CLUSTER_DIR/tls/haproxy.pem" 2> "$CLUSTER_DIR/tls/openssl.log") || die "no PEM for HAProxy; see $CLUSTER_DIR/tls/openssl.log"
}

start_haproxy() {
  if [ -S "$CLUSTER_DIR/haproxy.sock" ] && haproxy_cli "show info" > /dev/null 2>&1; then
    for node in n1 n2 n3; do haproxy_cli "set server nodes/$node state ready" > /dev/null; done
  else
    rm -f "$CLUSTER_DIR/haproxy.sock"
    haproxy_tls
    (setsid $LIFETIME haproxy -W -f "$CLUSTER_CONFIG/haproxy.cfg" >> "$CLUSTER_DIR/haproxy.log" 2>&1 < /dev/null &)
    await 10 "HAProxy's runtime API" test -S "$CLUSTER_DIR/haproxy.sock"
  fi
  for node in n1 n2 n3; do await 10 "HAProxy sees $node up" haproxy_up "$node"; done
}

case ${1:-} in
  start)
    tools
    mkdir -p "$CLUSTER_DIR"
    watch_owner
    start_db
    say "PostgreSQL on 127.0.0.1:$CLUSTER_PG_PORT"
    # installs one after another (they share Maven's local repository), each node starting while
    # the next one installs
    for node in n1 n2 n3; do
      [ -n "$(node_java "$node")" ] || { [ -d "$CLUSTER_DIR/$node/target/deploy" ] || install_node "$node"; launch_node "$node"; }
    done
    for node in n1 n2 n3; do
      await 180 "$node ready" ready "$node"
      say "$node ($(node_kind "$node")) ready on 127.0.0.1:$(node_port "$node")"
    done
    # the users, as README's "Users in PostgreSQL" adds them (the nodes made the tables)
    if [ -n "$FRESH_DB" ] || [ ! -f "$CLUSTER_DIR/target/users-db.properties" ]; then
      mkdir -p "$CLUSTER_DIR/target" && cp "$ROOT"/target/secure-rest-api-users.jar "$CLUSTER_DIR/target/"
      (cd "$CLUSTER_DIR" && block users-postgresql | bash -euo pipefail > users.log)
    fi
    start_haproxy
    say "HAProxy on https://localhost:$CLUSTER_TLS_PORT/ (and http://localhost:$CLUSTER_PORT/, redirected) in front of n1, n2, n3"
    ;;
  stop)
    [ -f "$CLUSTER_DIR/haproxy.pid" ] && kill "$(cat "$CLUSTER_DIR/haproxy.pid")" 2> /dev/null || true
    for node in n1 n2 n3; do stop_node "$node" || true; done
    stop_db
    say "stopped"
    ;;
  status)
    for node in n1 n2 n3; do echo "$node $(node_kind "$node") $(haproxy_state "$node") sessions=$(haproxy_sessions "$node")"; done
    ;;
  state) # one node's state in HAProxy
    haproxy_state "$2"
    ;;
  restart)
    node=${2:?which node? n1, n2 or n3}; node_kind "$node" > /dev/null
    haproxy_cli "set server nodes/$node state drain" > /dev/null
    await 30 "$node drained" drained "$node"
    stop_node "$node"
    start_node "$node"
    haproxy_cli "set server nodes/$node state ready" > /dev/null
    await 10 "HAProxy sees $node up" haproxy_up "$node"
    say "$node restarted"
    ;;
  sessions)
    haproxy_sessions "$2"
    ;;
  term) # SIGTERM without draining first: the node finishes what it holds, then exits
    node=${2:?which node? n1, n2 or n3}; node_kind "$node" > /dev/null
    stop_node "$node"
    say "$node stopped"
    ;;
  kill)
    node=${2:?which node? n1, n2 or n3}; node_kind "$node" > /dev/null
    pid=$(node_java "$node"); [ -n "$pid" ] || die "$node is not running"
    kill -KILL $pid
    say "$node killed (kill -9 $pid)"
    ;;
  start-node)
    node=${2:?which node? n1, n2 or n3}; node_kind "$node" > /dev/null
    start_node "$node"
    await 10 "HAProxy sees $node up" haproxy_up "$node"
    ;;
  restart-db)
    stop_db
    say "PostgreSQL stopped"
    start_db
    say "PostgreSQL started"
    ;;
  stop-db)
    stop_db
    say "PostgreSQL stopped"
    ;;
  start-db)
    start_db
    say "PostgreSQL started"
    ;;
  watch-owner) # started by watch_owner: $2 is the owner's start time
    echo $$ > "$CLUSTER_DIR/owner-watch.pid"
    while [ "$(owner_started "$CLUSTER_OWNER_PID")" = "$2" ]; do sleep 1; done
    bash "$0" stop || true
    dir=$(pg_dir)
    [ -n "$dir" ] && rm -rf "$dir" "$CLUSTER_DIR/pg"
    rm -f "$CLUSTER_DIR/owner-watch.pid"
    say "process $CLUSTER_OWNER_PID ended: stopped, database deleted"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
