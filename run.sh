#!/usr/bin/env bash
# Runs the product: builds the provider and theme jars, installs them into a Keycloak 26.7.0 distribution
# under .run/ (git-ignored), imports the demo realm and starts Keycloak on http://localhost:8080 with H2
# file storage, so data survives restarts. Running it again keeps the data; the realm import skips realms
# that already exist. It also starts the example partner (example-partner/, "FinApp Demo") on
# http://localhost:8090, to click through the consent link journey. Ctrl-C stops both cleanly.
#
#   ./run.sh               build, install, start
#   ./run.sh --build-only  build and stage the jars in .run/providers/ (used by docker-compose.yml), then exit
#   ./run.sh --no-build    start with the jars already built
set -euo pipefail
cd "$(dirname "$0")"

ROOT=$(pwd)
RUN_DIR="$ROOT/.run"
KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
KC_HOME="$RUN_DIR/keycloak-$KC_VERSION"
REALM=consent-demo
PARTNER_PORT=8090
PARTNER_JAR="$ROOT/example-partner/target/consent-example-partner.jar"

build=true
start=true
case "${1:-}" in
  --build-only) start=false ;;
  --no-build) build=false ;;
  "") ;;
  *) echo "usage: $0 [--build-only|--no-build]" >&2; exit 2 ;;
esac

java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "Java 17 or newer is required (found: ${java_major:-none}). Set JAVA_HOME or PATH accordingly." >&2
  exit 1
fi

mkdir -p "$RUN_DIR/providers"
if $build; then
  echo "==> Building the provider and theme jars and the example partner"
  mvn -B -q -DskipTests package -pl consent-spi,themes,example-partner -am
fi
rm -f "$RUN_DIR"/providers/*.jar
cp consent-spi/target/consent-spi-*.jar "$RUN_DIR/providers/consent-spi.jar"
cp themes/target/consent-theme-*.jar "$RUN_DIR/providers/consent-theme.jar"
rm -f "$RUN_DIR"/providers/original-*.jar
$start || { echo "Jars staged in $RUN_DIR/providers"; exit 0; }
if [ ! -f "$PARTNER_JAR" ]; then
  echo "$PARTNER_JAR is missing: run ./run.sh once without --no-build." >&2
  exit 1
fi

if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  echo "==> Installing Keycloak $KC_VERSION into $KC_HOME"
  mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$RUN_DIR"
  unzip -q -o "$RUN_DIR/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$RUN_DIR"
  rm -f "$RUN_DIR/keycloak-quarkus-dist-$KC_VERSION.zip"
fi

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in 8080 9000; do
  if port_in_use "$port"; then
    echo "Port $port is already in use (another Keycloak, or a test run?). Stop it and try again." >&2
    exit 1
  fi
done
if port_in_use "$PARTNER_PORT"; then
  echo "Port $PARTNER_PORT is already in use (the example partner of another ./run.sh?). Stop it and try again." >&2
  exit 1
fi

rm -f "$KC_HOME"/providers/*.jar
cp "$RUN_DIR"/providers/*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp realm-config/consent-demo-realm.json "$KC_HOME/data/import/"

# Keycloak and the example partner run as children of this script, and both are stopped on the way out:
# Ctrl-C (SIGINT to the whole terminal process group), a kill -INT/-TERM of this script alone, or Keycloak
# exiting by itself. Keycloak runs with '&' + 'wait' rather than in the foreground because bash runs a trap
# only once its foreground command has finished, and a kill of this script alone would never reach
# Keycloak. Background commands of a script ignore SIGINT, so both children are stopped with SIGTERM:
# kc.sh forwards it to Keycloak's JVM, which shuts down gracefully, as does the partner.
kc_pid=""
partner_pid=""
stop_children() {
  trap '' INT TERM
  local pid
  for pid in "$kc_pid" "$partner_pid"; do
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "$kc_pid" "$partner_pid"; do
    if [ -n "$pid" ]; then wait "$pid" 2>/dev/null || true; fi
  done
}
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Starting the example partner on http://localhost:$PARTNER_PORT"
java -Xmx64m -jar "$PARTNER_JAR" --port "$PARTNER_PORT" --key "$ROOT/realm-config/demo-partner-private.jwks.json" &
partner_pid=$!
for _ in $(seq 1 50); do
  port_in_use "$PARTNER_PORT" && break
  if ! kill -0 "$partner_pid" 2>/dev/null; then
    partner_pid=""
    echo "The example partner did not start (see the error above)." >&2
    exit 1
  fi
  sleep 0.2
done
if ! port_in_use "$PARTNER_PORT"; then
  echo "The example partner did not open port $PARTNER_PORT within 10 seconds." >&2
  exit 1
fi

cat <<INFO

  Keycloak with the consent extension is starting on http://localhost:8080 (about a minute).

  Admin console   http://localhost:8080/admin/   user admin / password admin
  Demo realm      $REALM   (login theme kc-consent, Portuguese by default)
  Demo user       maria / maria   (CPF 529.982.247-25, three accounts)
  Demo partner    client demo-partner, redirect http://localhost:8090/callback
  Example partner  http://localhost:8090  (click 'Conectar' to try the consent link)
  Extension info  http://localhost:8080/realms/$REALM/consent/info
  Account console http://localhost:8080/realms/$REALM/account/

  Data is kept in $KC_HOME/data (H2 file); run ./run.sh again to resume. Ctrl-C stops both.

INFO

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
cd "$KC_HOME/bin"
./kc.sh start-dev --import-realm --db=dev-file --features=parameterized-scopes &
kc_pid=$!
status=0
wait "$kc_pid" || status=$?
# Keycloak ended by itself (a signal to this script runs its trap instead): stop the partner, pass the status on.
kc_pid=""
exit "$status"
