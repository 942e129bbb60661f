# Sourced by bench/cold-logins.sh and bench/tokens.sh: one `mvn jetty:run` at a time, on PORT (and
# PORT + 1 for HTTPS), serving the realm file given, listening on 127.0.0.1 only; stopped on exit.
server=
stop_server() {
  if [ -n "$server" ]; then
    kill -- -"$server" 2> /dev/null || true
    for _ in $(seq 60); do kill -0 "$server" 2> /dev/null || break; sleep 0.5; done
    server=
  fi
}
trap stop_server EXIT

# start_server REALM_FILE LOG_FILE: returns once the server is ready, or exits naming the log
start_server() {
  (cd "$ROOT" && exec setsid timeout 900 mvn -B jetty:run -Ddev.realm="$1" -Djetty.http.port="$PORT" \
    -Djetty.https.port=$((PORT + 1))) > "$2" 2>&1 &
  server=$!
  for _ in $(seq 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/health/ready" 2> /dev/null && break
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/health/ready" || { echo "jetty:run did not start; see $2" >&2; exit 1; }
}
