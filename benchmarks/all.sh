#!/usr/bin/env bash
# Every benchmark in one command, and one table of the goals at the end.
#
#   benchmarks/all.sh            # quick settings (about 16 minutes on 2 cores; a first run also builds the
#                                # 1M-consent search database, ~2 minutes and 2.9 GB)
#   benchmarks/all.sh --full     # the documented settings of each benchmark (about 45 minutes)
#
# Options (after --full or without it):
#   -o                     Maven offline
#   -Dkcconsent.bench.X=Y  passed to the load drivers (warmUpSeconds, windowSeconds, rounds, threads, presigned,
#                          perRound), overriding the quick settings
#   --jmh="OPTS"           JMH options for the link-validation and store benchmarks (H2)
#   --store-pg-jmh="OPTS"  JMH options for the store pair on PostgreSQL (field-encryption-pg); -f is its number of
#                          interleaved rounds (benchmarks/README.md)
#   --search-jmh="OPTS"    JMH options for the back-office search benchmark
#   --skip-search          leaves ConsentSearchBenchmark out (its first run builds a 1M-consent database: ~2 minutes
#                          and 2.9 GB on a quiet machine, far longer on a busy one); its goals show NO RESULT
#   --table DIR            runs nothing: prints the table again from the logs of an earlier run
#
# What it does: one Maven build (no install: the load drivers run in the same reactor as the provider jars they
# deploy), which also runs the load drivers of integration-tests (-Pbenchmarks) against one Keycloak on
# PostgreSQL (database kc_consent_bench_load, created if missing); then the JMH benchmarks from the jar that
# build made (the store pair also on PostgreSQL, database kc_consent_bench_store, created if missing).
# Each benchmark prints one line per goal, KCC-BENCH|id|goal|baseline=n|candidate=n|ratio|verdict, with baseline
# and candidate measured in the same run; this script collects them. A goal whose benchmark printed no line
# (failed, or did not run) is shown as NO RESULT, and the script then exits 1.
# Logs and the table: target/benchmarks-all/<UTC time>/ (target/benchmarks-all/latest points to the last run).
# KC_TEST_SERVER_START_TIMEOUT (seconds, default 600) bounds the Keycloak start of the load drivers.
set -uo pipefail
cd "$(dirname "$0")/.."

full=false
mvn_flags=()
load_props=()
jmh_opts=""
search_opts=""
store_pg_opts=""
table_only=""
skip_search=false
while [[ $# -gt 0 ]]; do
    arg="$1"
    shift
    case "$arg" in
        --table) table_only="${1:?--table needs a log directory}"; shift ;;
        --full) full=true ;;
        --skip-search) skip_search=true ;;
        -o|--offline) mvn_flags+=(-o) ;;
        -D*) load_props+=("$arg") ;;
        --jmh=*) jmh_opts="${arg#--jmh=}" ;;
        --search-jmh=*) search_opts="${arg#--search-jmh=}" ;;
        --store-pg-jmh=*) store_pg_opts="${arg#--store-pg-jmh=}" ;;
        -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
    esac
done

if $full; then
    # benchmarks/README.md: more forks, and enough warm-up for Hibernate in the store pair.
    : "${jmh_opts:=-f 3 -wi 6 -w 4s -i 5 -r 4s}"
    # Five interleaved rounds of the store pair (StorePairRounds): the verdict is the median round's.
    : "${store_pg_opts:=-f 5 -wi 6 -w 4s -i 5 -r 4s}"
    : "${search_opts:=}"              # the class's own annotations: 4 x 5 s warm-up, 4 x 5 s measurement
    quick_props=()                     # each load driver's own defaults (90 s warm-up, 10 s windows, ...)
else
    : "${jmh_opts:=-f 1 -wi 2 -i 3 -w 2s -r 3s}"
    # Hibernate on PostgreSQL needs about 20 s before the store rows stop climbing, even for a quick look.
    : "${store_pg_opts:=-f 1 -wi 4 -w 4s -i 5 -r 4s}"
    : "${search_opts:=-wi 1 -w 2s -i 2 -r 3s}"
    quick_props=(-Dkcconsent.bench.warmUpSeconds=30 -Dkcconsent.bench.windowSeconds=5 -Dkcconsent.bench.rounds=2
                 -Dkcconsent.bench.perRound=20 -Dkcconsent.bench.presigned=3000)
fi

pg_host="${KCC_BENCH_PG_HOST:-127.0.0.1}"
load_db="kc_consent_bench_load"
store_db="kc_consent_bench_store"

# The load drivers. ConsentJourneyLoadBench joins when it exists.
bench_dir=integration-tests/src/test/java/io/github/kcconsent/it
load_classes=WebhookRevocationLatencyBench,ConsentsApiLoadBench,PaymentConsentsLoadBench
journey=false
if [[ -n "$(find "$bench_dir" -name ConsentJourneyLoadBench.java -print -quit)" ]]; then
    load_classes+=",ConsentJourneyLoadBench"
    journey=true
fi
build_rc=0

run_benchmarks() {
    local db
    for db in "$load_db" "$store_db"; do
        if ! createdb -h "$pg_host" -U postgres "$db" 2>"$logs/createdb.err"; then
            grep -q 'already exists' "$logs/createdb.err" || { cat "$logs/createdb.err" >&2; echo "cannot create $db" >&2; }
        fi
    done

    echo "== build + load drivers ($load_classes) -> $logs/load.log"
    # maven.test.failure.ignore: a load driver that fails leaves NO RESULT in the table instead of stopping the run;
    # a non-zero exit here is then a build failure.
    mvn -B "${mvn_flags[@]}" verify -Pbenchmarks,postgres -Dpg.host="$pg_host" -Dpg.database="$load_db" \
        -pl consent-spi,themes,test-providers,integration-tests,benchmarks \
        -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
        -Dkc.test.server.start.timeout="${KC_TEST_SERVER_START_TIMEOUT:-600}" \
        -Dit.test="$load_classes" "${quick_props[@]}" "${load_props[@]}" 2>&1 | tee "$logs/load.log"
    build_rc=${PIPESTATUS[0]}

    if [[ $build_rc -eq 0 ]]; then
        echo "== ConsentLinkValidationBenchmark -> $logs/link.log"
        # shellcheck disable=SC2086 # the option strings are word lists on purpose
        benchmarks/run.sh --no-build ConsentLinkValidationBenchmark $jmh_opts 2>&1 | tee "$logs/link.log"
        echo "== ConsentStoreCryptoBenchmark -> $logs/store.log"
        # shellcheck disable=SC2086
        benchmarks/run.sh --no-build ConsentStoreCryptoBenchmark $jmh_opts 2>&1 | tee "$logs/store.log"
        echo "== ConsentStoreCryptoBenchmark aesGcm / noOpBaseline on PostgreSQL -> $logs/store-pg.log"
        # shellcheck disable=SC2086
        # Interleaved rounds rather than JMH's forks (StorePairRounds says why); -f is the number of rounds.
        java -cp benchmarks/target/benchmarks.jar io.github.kcconsent.bench.StorePairRounds $store_pg_opts \
            -jvmArgsAppend "-Dkcconsent.bench.jdbc-url=jdbc:postgresql://$pg_host:5432/$store_db -Dkcconsent.bench.jdbc-user=postgres" \
            2>&1 | tee "$logs/store-pg.log"
        if $skip_search; then
            echo "== ConsentSearchBenchmark left out (--skip-search)" | tee "$logs/search.log"
        else
            echo "== ConsentSearchBenchmark (PostgreSQL) -> $logs/search.log"
            # shellcheck disable=SC2086
            benchmarks/run.sh --no-build ConsentSearchBenchmark $search_opts \
                -jvmArgsAppend "-Dkcconsent.bench.pg-server=jdbc:postgresql://$pg_host:5432/" 2>&1 | tee "$logs/search.log"
        fi
    else
        echo "build failed (exit $build_rc, see $logs/load.log): JMH benchmarks not run" >&2
    fi
}

if [[ -n "$table_only" ]]; then
    logs="$table_only"
else
    logs="target/benchmarks-all/$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$logs"
    ln -sfn "$(basename "$logs")" target/benchmarks-all/latest
    echo "logs: $logs"
    run_benchmarks
fi

# Expected goals: log, goal id (a trailing * matches a prefix; a lone * any goal of that log), name when missing.
expected="link.log link-validation
link.log reject-1mb-token
store.log * ConsentStoreCryptoBenchmark
store-pg.log field-encryption-pg
search.log search-1m-by-cpf
search.log search-1m-by-client-status
search.log search-1m-detail
load.log webhook-revocation-p95
load.log consents-api-creates
load.log payments-vs-data-sharing
load.log payments-200-per-second"
if $journey; then
    expected+=$'\n'"load.log journey-vs-login-* ConsentJourneyLoadBench"
fi

if [[ -n "$table_only" ]]; then
    title="Goals (from $logs)"
else
    title="Goals ($($full && echo full || echo quick) run of $(date -u '+%Y-%m-%d %H:%M UTC'); baseline and candidate measured in the same run)"
fi
for log in load link store store-pg search; do
    [[ -f "$logs/$log.log" ]] || continue
    grep -o 'KCC-BENCH|.*' "$logs/$log.log" | tr -d '\r' | sed "s/^/$log.log|/"
done >"$logs/results.raw"

# One row per goal id (the last line of an id wins), in the order of the expected goals, NO RESULT where none
# matched, then any other goal a benchmark printed; aligned.
KCC_EXPECTED="$expected" awk -F'|' -v title="$title" '
    { log_of[$3] = $1; if (!($3 in row)) order[n++] = $3; row[$3] = $0 }
    function add(r, text) { split(text, f, "|"); out[rows, 1] = f[3]; out[rows, 2] = f[5]; out[rows, 3] = f[6]
        out[rows, 4] = f[7]; out[rows, 5] = f[8]; out[rows, 6] = f[4]; rows++ }
    END {
        rows = 0; missing = 0
        m = split(ENVIRON["KCC_EXPECTED"], lines, "\n")
        for (i = 1; i <= m; i++) {
            split(lines[i], e, " "); lg = e[1]; pattern = e[2]; name = (e[3] != "" ? e[3] : pattern)
            found = 0
            for (r = 0; r < n; r++) {
                id = order[r]
                if (used[id] || log_of[id] != lg) continue
                if (pattern == "*" || id == pattern || (pattern ~ /\*$/ && index(id, substr(pattern, 1, length(pattern) - 1)) == 1)) {
                    add(rows, row[id]); used[id] = 1; found = 1
                }
            }
            if (!found) { add(rows, "||" name "|no KCC-BENCH line: see its log|-|-|-|NO RESULT"); missing++ }
        }
        for (r = 0; r < n; r++) if (!used[order[r]]) add(rows, row[order[r]])
        split("goal|baseline|candidate|ratio|verdict|goal text", hdr, "|")
        for (c = 1; c <= 6; c++) w[c] = length(hdr[c])
        for (r = 0; r < rows; r++) for (c = 1; c <= 5; c++) if (length(out[r, c]) > w[c]) w[c] = length(out[r, c])
        printf "\n== %s ==\n", title
        printf "%-*s  %-*s  %-*s  %*s  %-*s  %s\n", w[1], hdr[1], w[2], hdr[2], w[3], hdr[3], w[4], hdr[4], w[5], hdr[5], hdr[6]
        for (r = 0; r < rows; r++)
            printf "%-*s  %-*s  %-*s  %*s  %-*s  %s\n", w[1], out[r, 1], w[2], out[r, 2], w[3], out[r, 3], w[4], out[r, 4], w[5], out[r, 5], out[r, 6]
        exit (missing > 0 ? 1 : 0)
    }' "$logs/results.raw" | tee "$logs/results.txt"
table_rc=${PIPESTATUS[0]}
echo "(table: $logs/results.txt; quick runs are for a look at the plumbing and the trend, --full for numbers to quote)"
[[ $build_rc -eq 0 && $table_rc -eq 0 ]]
