# Sourced by cluster.sh and bench/shared-users.sh. block NAME prints the shell block that README.md
# or docs/*.md mark <!-- it:NAME -->, as it stands, with PostgreSQL's localhost:5432 replaced by
# 127.0.0.1:$PG_PORT: the steps those pages give are the steps these scripts run.
block() {
  awk -v marker="<!-- it:$1 " '
    index($0, marker) { found = 1; next }
    found && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }
  ' "$ROOT"/README.md "$ROOT"/docs/*.md | sed "s/localhost:5432/127.0.0.1:$PG_PORT/"
}
