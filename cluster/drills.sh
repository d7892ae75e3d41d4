#!/usr/bin/env bash
# Cluster drills: starts the two nodes of cluster/cluster.sh on a fresh PostgreSQL database (with the test-only
# provider and webhooks to a receiver on 127.0.0.1), runs the drill driver (integration-tests, ClusterDrill),
# prints its table, stops the nodes and drops the database. Loopback only; at most 30 minutes for the driver.
# Needs free ports 8080, 8081, 9000, 9001, 7800, 7801 and 8599 (the receiver); here run it in a network
# namespace of its own (ip netns exec NAME cluster/drills.sh, PostgreSQL reachable on 127.0.0.1:5432 inside it)
#
# Settings (environment): DRILL_CLAIM_SECONDS (15), DRILL_DISPATCHERS (2 per node), DRILL_RECEIVER_DELAY_MS (1000),
# DRILL_MAX_IN_FLIGHT_PER_PARTNER (2, the nodes' max-in-flight-per-partner), DRILL_MAX_IN_FLIGHT (duplicates allowed
# after kill -9: default what the killed node can have in flight, dispatchers x per-partner limit), DRILL_KEEP_DB=1 (keep the database and the cluster copies' logs for a look), DRILL_MVN_OPTS (-o).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

export DRILL_CLAIM_SECONDS="${DRILL_CLAIM_SECONDS:-15}"
export DRILL_DISPATCHERS="${DRILL_DISPATCHERS:-2}"
export DRILL_RECEIVER_DELAY_MS="${DRILL_RECEIVER_DELAY_MS:-1000}"
export DRILL_MAX_IN_FLIGHT_PER_PARTNER="${DRILL_MAX_IN_FLIGHT_PER_PARTNER:-2}"
export CLUSTER_DB="${CLUSTER_DB:-kc_consent_drills_$(date +%s)}"
export CLUSTER_DRILLS=1
export CLUSTER_EXTRA_OPTS="--spi-kcconsent-webhook--jpa--dispatchers=$DRILL_DISPATCHERS
 --spi-kcconsent-webhook--jpa--max-in-flight-per-partner=$DRILL_MAX_IN_FLIGHT_PER_PARTNER
 --spi-kcconsent-webhook--jpa--poll-interval-ms=200 --spi-kcconsent-webhook--jpa--claim-seconds=$DRILL_CLAIM_SECONDS
 --spi-kcconsent-webhook--jpa--initial-backoff-seconds=1 --spi-kcconsent-webhook--jpa--max-backoff-seconds=2"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
MVN_OPTS="${DRILL_MVN_OPTS:--o}"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/.run/cluster}"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!*.md' || echo '+uncommitted changes')"

finish() {
  cluster/cluster.sh stop
  if [ "${DRILL_KEEP_DB:-0}" != 1 ]; then
    psql -d postgres -q -c "DROP DATABASE IF EXISTS $CLUSTER_DB WITH (FORCE)" || true
  fi
}
trap finish EXIT

echo "==> Building the jars (reactor, no install)"
# shellcheck disable=SC2086
mvn $MVN_OPTS -B -q -DskipTests package -pl consent-spi,themes,test-providers || exit 1
# Fresh logs for this run, so the server-log check below sees only this run.
rm -f "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log
CLUSTER_NO_BUILD=1 cluster/cluster.sh start || exit 1

echo "==> Running the drills (database $CLUSTER_DB, commit $commit)"
# shellcheck disable=SC2086
timeout 1800 mvn $MVN_OPTS -B verify -Pcluster-drills -pl consent-spi,themes,test-providers,integration-tests \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterDrill
status=$?

echo
echo "Cluster drills, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit; claim-seconds $DRILL_CLAIM_SECONDS," \
  "$DRILL_DISPATCHERS dispatchers per node, receiver delay $DRILL_RECEIVER_DELAY_MS ms"
cat integration-tests/target/cluster-drills.md 2>/dev/null || echo "(no table: the driver did not get that far)"
errors=$(cat "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log 2>/dev/null | grep -c 'ERROR.*io\.github\.kcconsent' || true)
warns=$(cat "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log 2>/dev/null | grep -c 'WARN.*io\.github\.kcconsent' || true)
optimistic=$(cat "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log 2>/dev/null | grep -c 'HHH90010101' || true)
echo
echo "Server logs: $errors ERROR and $warns WARN lines from io.github.kcconsent, $optimistic Hibernate HHH90010101" \
  "(optimistic lock) warnings (node1.log, node2.log in $CLUSTER_DIR)"
cat "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log 2>/dev/null | grep 'ERROR.*io\.github\.kcconsent' | cut -c1-300 | sort | uniq -c | sort -rn | head -n 10
[ "$errors" = 0 ] || status=1
exit "$status"
