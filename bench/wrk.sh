# Sourced by the bench scripts: wrk from Debian's packages, installed when missing and run as root.
if ! command -v wrk > /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk > /dev/null
  else
    echo "wrk is missing: sudo apt-get install -y wrk" >&2
    exit 2
  fi
fi
