#!/usr/bin/env bash
# Takes the README's picture of the Grafana dashboard from a real run.
#
#   bash docs/grafana/screenshot.sh [--out FILE.png] [--tests 'ConsentMetricsIT,...'] [--no-build]
#
# Prometheus (Debian's package) scrapes the management port (127.0.0.1:9000/metrics) every 5 s while a set of
# integration tests drives one real Keycloak with kc-consent: consent links approved and refused, Open Finance
# authorizations and their refusals, payment consents, revocations, expiry, webhook deliveries. Then
# preview/render.mjs runs every panel's own queries of kc-consent-dashboard.json against that Prometheus, over
# the time the server was up, and headless Chromium photographs the page. Grafana itself is not used: Debian 12
# does not package it and nothing else is reachable here; see preview/render.mjs for what the page draws.
#
# Needs ports 8080, 8443, 9000, 8500 (the tests' server) and 9090 (Prometheus) free; about 6 minutes with
# --no-build (after mvn install), 2 more without.
# Installs prometheus and chromium with apt-get when they are missing, and uPlot with npm.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=docs/grafana/kc-consent-dashboard.png
tests=ConsentLinkFlowIT,ConsentLinkRejectionIT,ConsentMetricsIT,DashboardMetricsIT,FapiAuthorizationIT,PaymentAuthorizationIT,OpenBankingConsentsApiIT,PaymentConsentsApiIT,ConsentRevocationIT,BackofficeApiIT,WebhookDeliveryIT,PaymentConsentWebhookIT,ConsentExpiryIT
build=true
while [[ $# -gt 0 ]]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --tests) tests="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

missing=()
command -v prometheus > /dev/null || missing+=(prometheus)
command -v chromium > /dev/null || missing+=(chromium chromium-driver)
if [[ ${#missing[@]} -gt 0 ]]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
(cd docs/grafana/preview && npm ci --no-audit --no-fund --silent)

work=$(mktemp -d)
cat > "$work/prometheus.yml" <<'EOF'
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: keycloak
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:9000']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address=127.0.0.1:9090 > "$work/prometheus.log" 2>&1 &
prometheus_pid=$!
trap 'kill $prometheus_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do
    curl -sf http://127.0.0.1:9090/-/ready > /dev/null && break
    sleep 1
done
curl -sf http://127.0.0.1:9090/-/ready > /dev/null || { cat "$work/prometheus.log" >&2; exit 1; }

if $build; then
    mvn -B -q install -DskipTests -DskipITs
fi
echo "tests ($tests) -> $work/tests.log"
mvn -B verify -pl integration-tests -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$tests" \
    > "$work/tests.log" 2>&1 || { grep -E 'Tests run:|FAIL' "$work/tests.log" | tail -20 >&2; exit 1; }
grep -E '^\[(INFO|ERROR)\] Tests run:' "$work/tests.log" | tail -1
sleep 6 # one more scrape finds the server gone, so "up" has its end

# The window: from the first to the last scrape that reached the server.
now=$(date +%s)
read -r start end < <(curl -sf http://127.0.0.1:9090/api/v1/query_range \
    --data-urlencode 'query=up{job="keycloak"} == 1' --data-urlencode "start=$((now - 7200))" \
    --data-urlencode "end=$now" --data-urlencode 'step=5' |
    python3 -c 'import json,sys; v=[int(float(t)) for r in json.load(sys.stdin)["data"]["result"] for t,_ in r["values"]]; print(min(v), max(v))')

node docs/grafana/preview/render.mjs --prometheus http://127.0.0.1:9090 --start "$start" --end "$end" \
    --out "$work/dashboard.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
    --window-size=1632,2330 --virtual-time-budget=5000 --screenshot="$PWD/$out" "file://$work/dashboard.html" \
    2> "$work/chromium.log"
echo "$out: the dashboard from $(date -u -d "@$start" +%H:%M:%S) to $(date -u -d "@$end" +%H:%M:%S) UTC ($work)"
