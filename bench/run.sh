#!/usr/bin/env bash
# What the project costs per request, against two references on the same container and JVM:
#   plain     a plain servlet answering the private body, no framework, no authentication: the
#             ceiling of a servlet application on that container
#   jersey    bare Jersey + Jackson answering it behind the container's BASIC authentication with
#             a plain-text password (bench/reference): what a tutorial ships
#   project   this project's authenticated GET /api/v1/private (PBKDF2 realm, throttle, headers)
# on three servers in turn, each alone on the machine: mvn -Pbench jetty:run (the references
# deployed beside the project in the dev server's JVM), a stock Jetty 12.1 and a stock Tomcat 11
# with nothing but the WAR, both set up by the docs' own blocks (the ones the ITs run) plus the two
# reference WARs, and with the production settings of those docs (.mvn/jvm.config for jetty:run).
# After mvn package (or mvn verify), from anywhere:
#
#   bench/run.sh                      # all three servers
#   bench/run.sh jetty-run tomcat     # some of them: jetty-run, jetty, tomcat
#
# Per server: WARMUP of each app, then ROUNDS rounds of ROUND per app in turn (plain, jersey,
# project), each with wrk -t$THREADS -c$CONNECTIONS. It prints each round's rates, the server's CPU
# per request (from /proc, the JVM's user + system time over the requests wrk counted) and the
# project's ratios to both references; the median of the rounds' ratios is the figure to quote
# (absolute rates on a shared machine drift by tens of percent, alternating keeps each round's
# three numbers close in time). Environment: ROUNDS (5), ROUND (10s), WARMUP (30s), CONNECTIONS
# (16), THREADS (1), PORT (18095), JVM_OPTS (added to each server's JVM options, for trying
# settings: through MAVEN_OPTS, Jetty's start.jar and CATALINA_OPTS), TUNING=off (without the
# production settings, to measure what they do), JAVA_HOME (the JDK every server runs on). Its servers listen on 127.0.0.1 only and stop when it ends.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-run
ROUNDS=${ROUNDS:-5}
ROUND=${ROUND:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
PORT=${PORT:-18095}
JVM_OPTS=${JVM_OPTS:-}
TUNING=${TUNING:-on}
if [ -n "${JAVA_HOME:-}" ]; then export PATH=$JAVA_HOME/bin:$PATH; fi
MARK=bench-run-$$
PG_PORT=${PG_PORT:-5432} # blocks.sh substitutes it; these servers use no PostgreSQL

# shellcheck source=wrk.sh
. "$ROOT/bench/wrk.sh"
# shellcheck source=../src/main/cluster/blocks.sh
. "$ROOT/src/main/cluster/blocks.sh"

for artifact in secure-rest-api.war secure-rest-api-users.jar \
                bench/reference-plain-servlet.war bench/reference-bare-jersey.war; do
  [ -f "$ROOT/target/$artifact" ] || { echo "target/$artifact is missing: run mvn package first" >&2; exit 2; }
done

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jetty-run jetty tomcat)

BASE=http://127.0.0.1:$PORT
PROJECT_AUTH="Authorization: Basic $(printf '%s' admin:SuperSecretPwd | base64 -w0)"
REFERENCE_AUTH="Authorization: Basic $(printf '%s' bench:bench | base64 -w0)"
REFERENCE_REALM=$ROOT/bench/reference/bench-realm.properties
TICKS=$(getconf CLK_TCK)

server=
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2> /dev/null || true
    for _ in $(seq 60); do kill -0 "$server" 2> /dev/null || break; sleep 0.5; done
    server=
  fi
}
trap stop_server EXIT

rm -rf "$WORK" && mkdir -p "$WORK"/target/bench
cp "$ROOT"/target/secure-rest-api.war "$ROOT"/target/secure-rest-api-users.jar "$WORK"/target/
cp "$ROOT"/target/bench/*.war "$WORK"/target/bench/

start() { # target: starts it in the background, prints nothing
  case $1 in
    jetty-run)
      local untuned=
      [ "$TUNING" = on ] || untuned=-XX:-UseParallelGC # undoes .mvn/jvm.config
      (cd "$ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} $untuned $JVM_OPTS" exec timeout 3600 mvn -B -Pbench jetty:run -Djetty.http.port="$PORT" -Djetty.https.port=$((PORT + 1)) \
        -Dbench.marker="$MARK") > "$WORK/jetty-run.log" 2>&1 &
      ;;
    jetty)
      ( block jetty-install
        [ "$TUNING" = on ] && block jetty-tuning
        echo 'cp target/bench/reference-plain-servlet.war "$JETTY_BASE"/webapps/plain.war'
        echo 'cp target/bench/reference-bare-jersey.war "$JETTY_BASE"/webapps/jersey.war'
        # start.jar hands -D arguments and the JVM options to the server's JVM, the one --exec starts too
        echo "cd \"\$JETTY_BASE\" && exec timeout 3600 java -jar \"\$JETTY_HOME\"/start.jar $JVM_OPTS" \
          "-Dbench.marker=$MARK -Dbench.realm=$REFERENCE_REALM jetty.http.host=127.0.0.1 jetty.http.port=$PORT" ) > "$WORK/jetty.sh"
      (cd "$WORK" && exec bash -euo pipefail jetty.sh) > "$WORK/jetty.log" 2>&1 &
      ;;
    tomcat)
      ( block tomcat-install
        [ "$TUNING" = on ] && block tomcat-tuning
        echo 'cp target/bench/reference-plain-servlet.war "$CATALINA_HOME"/webapps/plain.war'
        echo 'cp target/bench/reference-bare-jersey.war "$CATALINA_HOME"/webapps/jersey.war'
        # the reference's user, in the stock realm every application without its own uses
        echo "sed -i 's#</tomcat-users>#<user username=\"bench\" password=\"bench\" roles=\"user\"/>\n</tomcat-users>#' \"\$CATALINA_HOME\"/conf/tomcat-users.xml"
        echo "sed -i 's/port=\"8080\"/port=\"$PORT\" address=\"127.0.0.1\"/; s/port=\"8005\"/port=\"-1\"/' \"\$CATALINA_HOME\"/conf/server.xml"
        echo "export CATALINA_OPTS=\"\${CATALINA_OPTS:-} $JVM_OPTS -Dbench.marker=$MARK\""
        echo "exec timeout 3600 \"\$CATALINA_HOME\"/bin/catalina.sh run" ) > "$WORK/tomcat.sh"
      (cd "$WORK" && exec bash -euo pipefail tomcat.sh) > "$WORK/tomcat.log" 2>&1 &
      ;;
    *) echo "unknown server '$1': jetty-run, jetty or tomcat" >&2; exit 2 ;;
  esac
  server=$!
  for _ in $(seq 240); do
    if curl -fsS -o /dev/null -H "$PROJECT_AUTH" "$BASE/api/v1/private" 2> /dev/null \
        && curl -fsS -o /dev/null "$BASE/plain/api/v1/private" 2> /dev/null \
        && curl -fsS -o /dev/null -H "$REFERENCE_AUTH" "$BASE/jersey/api/v1/private" 2> /dev/null; then
      return
    fi
    sleep 0.5
  done
  echo "$1 did not serve all three applications on port $PORT; see $WORK/$1.log" >&2
  exit 1
}

jvm() { # the server's JVM: the java process whose command line holds this run's marker (with
      # --exec, Jetty's start.jar has it too: the one without such a child)
  local pid child
  for pid in $(pgrep -f "bench.marker=$MARK"); do
    [ "$(cat "/proc/$pid/comm" 2> /dev/null)" = java ] || continue
    for child in $(pgrep -P "$pid"); do
      [ "$(cat "/proc/$child/comm" 2> /dev/null)" = java ] && continue 2
    done
    echo "$pid"
    return
  done
  echo "no JVM of this run found" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

args() { # app: wrk's arguments for it
  case $1 in
    plain) echo "$BASE/plain/api/v1/private" ;;
    jersey) echo "-H|$REFERENCE_AUTH|$BASE/jersey/api/v1/private" ;;
    project) echo "-H|$PROJECT_AUTH|$BASE/api/v1/private" ;;
  esac
}

run_wrk() { # duration app: wrk's output
  local IFS='|'
  # shellcheck disable=SC2046
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" $(args "$2")
}

measure() { # app pid: prints "requests/s cpu-µs-per-request non-2xx"
  local before after out
  before=$(cpu_ticks "$2")
  out=$(run_wrk "$ROUND" "$1")
  after=$(cpu_ticks "$2")
  awk -v ticks=$((after - before)) -v hz="$TICKS" '
    /requests in/ {requests = $1}
    /^Requests\/sec:/ {rps = $2}
    /Non-2xx or 3xx responses:/ {errors = $5}
    END {printf "%.0f %.1f %d\n", rps, ticks * 1e6 / hz / requests, errors}' <<< "$out"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

names() {
  case $1 in
    jetty-run) echo "mvn jetty:run (Jetty $(sed -n 's#.*<jetty.plugin.version>\(.*\)</jetty.plugin.version>.*#\1#p' "$ROOT"/pom.xml) Maven plugin)" ;;
    jetty) echo "Jetty $(block jetty-install | sed -n 's/.*jetty-home:\([0-9.]*\):.*/\1/p' | head -1) standalone" ;;
    tomcat) echo "Tomcat $(block tomcat-install | sed -n 's/.*tomcat:\([0-9.]*\):.*/\1/p' | head -1)" ;;
  esac
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
[ -z "$JVM_OPTS" ] || echo "JVM_OPTS: $JVM_OPTS"
[ "$TUNING" = on ] && echo "with the production settings (docs/deploy-*.md, .mvn/jvm.config)" || echo "without the production settings"
echo "wrk -t$THREADS -c$CONNECTIONS, $WARMUP warm-up per app, $ROUNDS rounds of $ROUND per app"
summary=()
for target in "${targets[@]}"; do
  start "$target"
  pid=$(jvm)
  for app in plain jersey project; do run_wrk "$WARMUP" "$app" > /dev/null; done
  echo
  echo "### $(names "$target")"
  echo
  echo "| round | plain req/s | bare Jersey req/s | project req/s | CPU µs/req plain / Jersey / project | project ÷ plain | project ÷ Jersey | non-2xx |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  to_plain=(); to_jersey=()
  for round in $(seq 1 "$ROUNDS"); do
    read -r p_rps p_cpu p_err <<< "$(measure plain "$pid")"
    read -r j_rps j_cpu j_err <<< "$(measure jersey "$pid")"
    read -r s_rps s_cpu s_err <<< "$(measure project "$pid")"
    a=$(awk -v a="$s_rps" -v b="$p_rps" 'BEGIN {printf "%.3f", a / b}')
    b=$(awk -v a="$s_rps" -v b="$j_rps" 'BEGIN {printf "%.3f", a / b}')
    to_plain+=("$a"); to_jersey+=("$b")
    echo "| $round | $p_rps | $j_rps | $s_rps | $p_cpu / $j_cpu / $s_cpu | $a | $b | $((p_err + j_err + s_err)) |"
  done
  m_plain=$(printf '%s\n' "${to_plain[@]}" | median)
  m_jersey=$(printf '%s\n' "${to_jersey[@]}" | median)
  echo
  echo "median: project ÷ plain servlet $m_plain, project ÷ bare Jersey $m_jersey"
  summary+=("| $(names "$target") | $m_plain | $m_jersey |")
  stop_server
done
echo
echo "| server | project ÷ plain servlet (goal ≥ 0.5) | project ÷ bare Jersey (goal ≥ 1.0) |"
echo "|---|---:|---:|"
printf '%s\n' "${summary[@]}"
