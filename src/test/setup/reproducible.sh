#!/usr/bin/env bash
# Two builds of one checkout give the same bytes: copies the checkout (its .git included, without
# target) to a temporary folder, builds the WAR, the users and data commands' jars and the SBOM there twice
# (mvn clean package, tests skipped) and compares their SHA-256 sums. Exits 0 and says so when
# they are the same, 1 naming what differs, 2 when a build fails. About three minutes.
set -euo pipefail
SOURCE=$(cd "$(dirname "$0")/../../.." && pwd)
ARTIFACTS=(target/secure-rest-api.war target/secure-rest-api-users.jar target/secure-rest-api-data.jar target/secure-rest-api.cdx.json)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -C "$SOURCE" --exclude=./target -cf - . | tar -C "$WORK" -xf -
cd "$WORK"
for build in 1 2; do
  mvn --batch-mode -q clean package -DskipTests >"build-$build.log" 2>&1 || { cat "build-$build.log"; exit 2; }
  sha256sum "${ARTIFACTS[@]}" > "sums-$build"
done
if diff "sums-1" "sums-2"; then
  echo "reproducible: the same ${#ARTIFACTS[@]} artifacts, byte for byte, from two builds"
else
  echo "not reproducible: the sums above differ" >&2
  exit 1
fi
