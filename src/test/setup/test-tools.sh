#!/usr/bin/env bash
# Installs what the integration tests run besides Java and Maven: a PostgreSQL server, HAProxy,
# socat (its runtime API) and openssl (HAProxy's PEM from the dev keystore) for the cluster, and Chromium with its WebDriver for the browser
# tests, Python's requests for a client that sends ISO-8859-1 credentials, and Prometheus to scrape
# the metrics, and Apache's htpasswd to make files to import users from (Debian's postgresql, haproxy, socat,
# openssl, chromium, chromium-driver, python3-requests, prometheus and apache2-utils packages); and
# Redocly CLI from the npm registry to lint the OpenAPI document. `mvn verify` runs this before the
# integration tests; .ci/run too.
# It is quick once all is there. Where it cannot install (not root, no apt-get), it stops with
# the command to run.
set -euo pipefail

missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null || missing+=(postgresql)
command -v haproxy > /dev/null || missing+=(haproxy)
command -v socat > /dev/null || missing+=(socat)
command -v openssl > /dev/null || missing+=(openssl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
command -v htpasswd > /dev/null || missing+=(apache2-utils) # files to import users from
# Debian's own Python, whatever else is first on PATH
/usr/bin/python3 -c 'import requests' 2> /dev/null || missing+=(python3-requests)

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

# Redocly CLI, which lints the OpenAPI document (OpenApiLintIT), from the npm registry at the
# version src/test/lint/package-lock.json pins, into target/lint (Node.js 20.19 or later)
root="$(cd "$(dirname "$0")/../../.." && pwd)"
lint="$root/target/lint"
if ! cmp -s "$root/src/test/lint/package-lock.json" "$lint/package-lock.json" || [ ! -x "$lint/node_modules/.bin/redocly" ]; then
  command -v npm > /dev/null || { echo "The OpenAPI lint needs Node.js (20.19 or later) and npm" >&2; exit 1; }
  mkdir -p "$lint"
  cp "$root/src/test/lint/package.json" "$root/src/test/lint/package-lock.json" "$lint/"
  (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error)
fi
