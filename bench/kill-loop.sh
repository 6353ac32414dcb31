#!/usr/bin/env bash
# The kill loop as a soak (issue 17, point 6): three Tocsin nodes (separate JVMs) on the local PostgreSQL behind a
# round-robin proxy take alerts and escalations while a random node is killed with SIGKILL and restarted, KILLS
# times (default 1,000; CI runs 10 as part of the PostgreSQL suite). Prints the tallies: events accepted, stored
# and lost, incidents, escalation steps, duplicates (each one in notify_delivery_attempt) and the worst lateness.
#   bench/kill-loop.sh [KILLS] [SEED]
# Node logs: target/kill-loop/node-<n>-<generation>.log. About 10-15 s per kill on an idle 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-1000}"
seed_arg=()
[ -n "${2:-}" ] && seed_arg=("-Dtocsin.killloop.seed=$2")
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
log="target/kill-loop-soak.log"
mkdir -p target
./mvnw -q verify -Dtest=ClusterKillLoopTest -Dsurefire.failIfNoSpecifiedTests=false -Dtocsin.test.db=postgresql \
  -Dtocsin.killloop.kills="$kills" "${seed_arg[@]}" -Dsurefire.timeout=0 >"$log" 2>&1 && status=0 || status=$?
grep -a -E "^kill loop|^  killed" "$log" | grep -v "^  killed" || true
grep -a -c "^  killed" "$log" | sed 's/^/kills done: /' || true
if [ "$status" -ne 0 ]; then
  grep -a -E "AssertionError|expected|Expecting|ConditionTimeout" "$log" | head -20 || true
  echo "kill loop FAILED (exit $status); full output in $log" >&2
fi
exit "$status"
