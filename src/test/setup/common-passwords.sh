#!/usr/bin/env bash
# Makes src/main/resources/dev/securerestapi/realm/users/common-passwords.txt, the list of common
# passwords the password policy refuses: the "passwords" frequency list of zxcvbn 4.4.2 (Dropbox,
# MIT licence; 30,000 passwords ranked by how often they appear in Mark Burnett's corpus of 10
# million leaked passwords), in its order, those of 8 or more characters (a shorter one is refused
# for its length already). Needs Node.js and the npm registry. PasswordPolicyTest checks the file.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT="$ROOT/src/main/resources/dev/securerestapi/realm/users/common-passwords.txt"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent zxcvbn@4.4.2 > /dev/null && tar xzf zxcvbn-4.4.2.tgz)
{
  echo "# The passwords the password policy refuses as common (docs/security.md). Made by"
  echo "# src/test/setup/common-passwords.sh from zxcvbn 4.4.2 (npm), its \"passwords\" frequency list:"
  echo "# 30,000 passwords ranked by frequency in Mark Burnett's corpus of 10 million leaked passwords,"
  echo "# most common first, here those of 8 or more characters (shorter ones are refused for length)."
  echo "#"
  sed 's/^/# /; s/ $//' "$WORK/package/LICENSE.txt"
  node -e '
    const lists = require(process.argv[1]);
    for (const p of lists.passwords) { if ([...p].length >= 8) console.log(p); }
  ' "$WORK/package/lib/frequency_lists.js"
} > "$OUT"
echo "wrote $(grep -vc '^#' "$OUT") passwords to ${OUT#"$ROOT"/}"
