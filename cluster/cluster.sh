#!/usr/bin/env bash
# Two Keycloak nodes in production mode on one host, without Docker: the Keycloak distribution zip, our
# provider and theme jars, one PostgreSQL database, JDBC_PING discovery through that database, one shared
# --hostname (as behind a load balancer), node-specific ports and node names, loopback only.
#
#   cluster/cluster.sh start            build the jars, unpack two copies, kc.sh build, start node 1 (imports the
#                                       demo realm), wait until ready, start node 2, wait until ready
#   cluster/cluster.sh stop             SIGTERM both nodes (graceful), wait for them to end
#   cluster/cluster.sh status           which nodes run, their readiness and the cluster view in their logs
#   cluster/cluster.sh start-node N     start node N (1 or 2) again; stop-node N (SIGTERM); kill-node N (kill -9)
#   cluster/cluster.sh reset            stop, drop the database and delete the copies
#
# Settings (environment):
#   CLUSTER_DIR       where the copies, logs and pid files live        (default .run/cluster, git-ignored)
#   CLUSTER_DB        PostgreSQL database, created if missing          (default kc_consent_cluster)
#   PGHOST, PGPORT, PGUSER, PGPASSWORD                                  (default 127.0.0.1, 5432, postgres, postgres)
#   CLUSTER_HOSTNAME  the one public URL of both nodes                 (default http://localhost:8080)
#   CLUSTER_NO_BUILD=1      use the jars already in */target
#   CLUSTER_DRILLS=1        also deploy the test-only provider (test-providers/) and let webhooks go to a
#                           receiver on 127.0.0.1 over http: for cluster/drills.sh only, never for a bank
#   CLUSTER_EXTRA_OPTS      more `kc.sh start` options for both nodes (e.g. webhook options)
#
# Node 1: http 127.0.0.1:8080, management 127.0.0.1:9000, JGroups 127.0.0.1:7800, node name node1.
# Node 2: http 127.0.0.1:8081, management 127.0.0.1:9001, JGroups 127.0.0.1:7801, node name node2.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
PROJECT_VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
DIST_ZIP="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/.run/cluster}"
CLUSTER_DB="${CLUSTER_DB:-kc_consent_cluster}"
CLUSTER_HOSTNAME="${CLUSTER_HOSTNAME:-http://localhost:8080}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
READY_TIMEOUT="${CLUSTER_READY_TIMEOUT:-420}"

http_port() { echo $((8079 + $1)); }
mgmt_port() { echo $((8999 + $1)); }
jgroups_port() { echo $((7799 + $1)); }
node_home() { echo "$CLUSTER_DIR/node$1/keycloak-$KC_VERSION"; }
pid_file() { echo "$CLUSTER_DIR/node$1.pid"; }
log_file() { echo "$CLUSTER_DIR/node$1.log"; }

log() { printf '==> %s\n' "$*"; }

node_pid() {
  local f; f=$(pid_file "$1")
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$(mgmt_port "$1")/health/ready" 2>/dev/null; }

providers() {
  echo "$ROOT/consent-spi/target/consent-spi-$PROJECT_VERSION.jar"
  echo "$ROOT/themes/target/consent-theme-$PROJECT_VERSION.jar"
  if [ "${CLUSTER_DRILLS:-0}" = 1 ]; then
    echo "$ROOT/test-providers/target/consent-test-providers-$PROJECT_VERSION.jar"
  fi
}

build_jars() {
  if [ "${CLUSTER_NO_BUILD:-0}" != 1 ]; then
    log "Building the provider, theme and test-provider jars (reactor, no install)"
    mvn -o -B -q -DskipTests package -pl consent-spi,themes,test-providers
  fi
  local jar
  for jar in $(providers); do
    [ -f "$jar" ] || { echo "missing $jar: build first (or unset CLUSTER_NO_BUILD)" >&2; exit 1; }
  done
}

# Unpacks one copy per node, puts the same jars in each providers/ and runs `kc.sh build` once (again only
# when the jars or build options change: the build is what `start --optimized` then trusts).
prepare_node() {
  local n=$1 home; home=$(node_home "$n")
  if [ ! -x "$home/bin/kc.sh" ]; then
    [ -f "$DIST_ZIP" ] || { echo "missing $DIST_ZIP (mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip)" >&2; exit 1; }
    log "Unpacking Keycloak $KC_VERSION for node $n"
    mkdir -p "$CLUSTER_DIR/node$n"
    unzip -q -o "$DIST_ZIP" -d "$CLUSTER_DIR/node$n"
  fi
  rm -f "$home"/providers/*.jar
  local jar
  for jar in $(providers); do cp "$jar" "$home/providers/"; done
  local build_opts="--db=postgres --features=parameterized-scopes --health-enabled=true"
  local stamp; stamp=$( (cat "$home"/providers/*.jar; echo "$build_opts") | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$home/.cluster-build" 2>/dev/null)" != "$stamp" ]; then
    log "kc.sh build for node $n"
    # shellcheck disable=SC2086
    (cd "$home/bin" && ./kc.sh build $build_opts) > "$CLUSTER_DIR/node$n-build.log" 2>&1 \
      || { cat "$CLUSTER_DIR/node$n-build.log" >&2; exit 1; }
    echo "$stamp" > "$home/.cluster-build"
  fi
  mkdir -p "$home/data/import"
  cp "$ROOT/realm-config/consent-demo-realm.json" "$home/data/import/"
}

ensure_database() {
  if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$CLUSTER_DB'" | grep -q 1; then
    log "Creating database $CLUSTER_DB"
    psql -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $CLUSTER_DB"
  fi
}

start_node() {
  local n=$1 home; home=$(node_home "$n")
  if [ -n "$(node_pid "$n" || true)" ]; then log "node $n already running"; return; fi
  local opts=(
    start --optimized
    --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$CLUSTER_DB" --db-username="$PGUSER" --db-password="$PGPASSWORD"
    --cache=ispn --cache-stack=jdbc-ping
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$(jgroups_port "$n")"
    --spi-cache-embedded-default-node-name="node$n"
    --http-enabled=true --http-host=127.0.0.1 --http-port="$(http_port "$n")"
    --http-management-port="$(mgmt_port "$n")"
    --hostname="$CLUSTER_HOSTNAME" --hostname-strict=false
  )
  # Only the first node imports the demo realm; the second finds it in the database.
  [ "$n" = 1 ] && opts+=(--import-realm)
  if [ "${CLUSTER_DRILLS:-0}" = 1 ]; then
    opts+=(--spi-kcconsent-webhook--jpa--allow-http=true --spi-kcconsent-webhook--jpa--allow-private-networks=true)
  fi
  # shellcheck disable=SC2206
  [ -n "${CLUSTER_EXTRA_OPTS:-}" ] && opts+=(${CLUSTER_EXTRA_OPTS})
  log "Starting node $n (http 127.0.0.1:$(http_port "$n"), management :$(mgmt_port "$n"), log $(log_file "$n"))"
  (
    cd "$home/bin"
    export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
    export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
    export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms256m -Xmx1g}"
    # The recorded pid is kc.sh's: it forwards SIGTERM to the JVM it starts as its child (see jvm_pid).
    setsid nohup bash -c 'exec ./kc.sh "$@"' kc "${opts[@]}" >> "$(log_file "$n")" 2>&1 < /dev/null &
    echo $! > "$(pid_file "$n")"
  )
}

wait_ready() {
  local n=$1 waited=0
  while ! ready "$n"; do
    if [ -z "$(node_pid "$n" || true)" ]; then
      echo "node $n exited; last lines of $(log_file "$n"):" >&2; tail -n 40 "$(log_file "$n")" >&2; exit 1
    fi
    if [ "$waited" -ge "$READY_TIMEOUT" ]; then echo "node $n not ready after ${READY_TIMEOUT}s" >&2; exit 1; fi
    sleep 2; waited=$((waited + 2))
  done
  log "node $n ready after ${waited}s"
}

# kc.sh runs Keycloak's JVM as a child and waits for it: SIGTERM to kc.sh is forwarded (graceful shutdown),
# but kill -9 must hit the JVM itself, or it only orphans a still-running Keycloak.
jvm_pid() { pgrep -P "$1" java || true; }

signal_node() {
  local n=$1 sig=$2 pid; pid=$(node_pid "$n" || true)
  [ -n "$pid" ] || { log "node $n not running"; return 0; }
  if [ "$sig" = KILL ]; then
    local jvm; jvm=$(jvm_pid "$pid")
    [ -n "$jvm" ] || { echo "node $n: no JVM under kc.sh (pid $pid)" >&2; exit 1; }
    kill -KILL "$jvm"
    log "node $n killed (kill -9 of JVM pid $jvm)"
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 120 ]; then echo "node $n still running after 120s; kill -9" >&2; kill -KILL $(jvm_pid "$pid") "$pid" 2>/dev/null; break; fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$(pid_file "$n")"
  log "node $n stopped after ${waited}s"
}

status() {
  local n
  for n in 1 2; do
    local pid; pid=$(node_pid "$n" || true)
    local state="stopped"
    [ -n "$pid" ] && { state="running (kc.sh pid $pid, JVM pid $(jvm_pid "$pid"))"; ready "$n" && state="$state, ready"; }
    local view; view=$(grep -o 'ISPN000094: Received new cluster view.*' "$(log_file "$n")" 2>/dev/null | tail -n 1 || true)
    printf 'node %s: %s; http 127.0.0.1:%s, management :%s; %s\n' "$n" "$state" "$(http_port "$n")" "$(mgmt_port "$n")" "${view:-no cluster view logged}"
  done
}

case "${1:-}" in
  start)
    for tool in psql curl unzip pgrep; do
      command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
    done
    build_jars
    prepare_node 1; prepare_node 2
    ensure_database
    start_node 1; wait_ready 1
    start_node 2; wait_ready 2
    status
    ;;
  stop) signal_node 2 TERM; signal_node 1 TERM ;;
  status) status ;;
  start-node) start_node "${2:?node 1 or 2}"; wait_ready "$2" ;;
  stop-node) signal_node "${2:?node 1 or 2}" TERM ;;
  kill-node) signal_node "${2:?node 1 or 2}" KILL ;;
  reset)
    signal_node 2 TERM; signal_node 1 TERM
    psql -d postgres -q -c "DROP DATABASE IF EXISTS $CLUSTER_DB WITH (FORCE)"
    rm -rf "$CLUSTER_DIR"
    ;;
  *) echo "usage: $0 start|stop|status|start-node N|stop-node N|kill-node N|reset" >&2; exit 2 ;;
esac
