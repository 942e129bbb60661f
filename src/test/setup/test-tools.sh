#!/usr/bin/env bash
# Installs what the integration tests run besides Java and Maven: a PostgreSQL server (Debian's
# postgresql package). `mvn verify` runs this before the integration tests; .ci/run too.
# Where it cannot install (not root, no apt-get), it stops with the command to run.
set -euo pipefail

if compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  echo "Installing PostgreSQL for the integration tests (apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql > /dev/null
  exit 0
fi
echo "The integration tests need a PostgreSQL server. Install it, then run mvn verify again:" >&2
echo "    sudo apt-get install -y postgresql" >&2
exit 1
