#!/usr/bin/env bash
# Usage: tethered.sh OWNER_PID CAP_SECONDS COMMAND [ARGUMENT...]
#
# Runs COMMAND in a process group of its own for as long as process OWNER_PID lives: the tests
# start every server through this, with their own JVM as the owner. When the owner ends, however
# it ends (a normal exit, a failure, kill -9 of it or of the Maven that forked it), the group gets
# SIGTERM, and SIGKILL 20 s later if anything is left. CAP_SECONDS is only a safety net for an
# owner whose end cannot be seen (it is hours, not the suite's length): no test relies on it.
# The owner is known by its pid and its start time, so a new process that gets the pid is not it.
# Exits with COMMAND's status. SIGTERM to this script stops the group the same way.
set -uo pipefail

owner=$1 cap=$2
shift 2

started() { # the start time of process $1 as the kernel counts it, or nothing once it is gone
  local stat
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 0
  stat=${stat##*) } # past the command name, which may hold spaces and parentheses
  read -r -a fields <<< "$stat"
  echo "${fields[19]}"
}

birth=$(started "$owner")
if [ -z "$birth" ]; then
  echo "tethered.sh: process $owner is not running" >&2
  exit 1
fi

set -m # the next background job leads a process group of its own
"$@" < /dev/null &
child=$!
set +m

stop_group() {
  kill -TERM -- "-$child" 2> /dev/null
  for _ in $(seq 80); do
    kill -0 -- "-$child" 2> /dev/null || return 0
    sleep 0.25
  done
  kill -KILL -- "-$child" 2> /dev/null
}
trap 'stop_group; exit 143' TERM INT

# a second's wait without a process: read from a pipe nobody writes to (a sleep a second, for
# each of the suite's servers, came to some 10,000 processes)
exec {never}<> <(:)
deadline=$((SECONDS + cap))
while kill -0 "$child" 2> /dev/null; do
  if [ "$(started "$owner")" != "$birth" ] || [ "$SECONDS" -ge "$deadline" ]; then
    stop_group
    break
  fi
  read -r -t 1 -u "$never" || true
done
wait "$child"
