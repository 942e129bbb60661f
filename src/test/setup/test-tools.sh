#!/usr/bin/env bash
# Installs what the integration tests run besides Java and Maven: a PostgreSQL server, Chromium
# for the browser tests (Debian's postgresql and chromium packages), Node.js to drive Chromium,
# and playwright-core from the npm registry (src/test/browser/package-lock.json).
# `mvn verify` runs this before the integration tests; .ci/run too. It is quick once all is there.
# Where it cannot install (not root, no apt-get), it stops with the command to run.
set -euo pipefail
cd "$(dirname "$0")/../../.."

missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node > /dev/null && command -v npm > /dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "Installing for the integration tests: apt-get install -y ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" > /dev/null
  else
    echo "The integration tests need ${missing[*]}. Install them, then run mvn verify again:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -d src/test/browser/node_modules/playwright-core ]; then
  echo "Installing playwright-core for the browser tests (npm ci in src/test/browser)"
  (cd src/test/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
