package io.github.kcconsent.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The goal table of {@link ConsentSearchBenchmark}: p95 per benchmark and dataset size (from JMH's SampleTime
 * histogram, all measurement iterations together), the ratio p95(1M) / p95(10k), and MET / NOT MET against
 * "p95 under 50 ms at 1M" and "ratio at most 1.5". Called by {@link RatioReport}; prints nothing if the search
 * benchmark did not run.
 */
final class SearchReport {

    static final String SMALL = "10000";
    static final String LARGE = "1000000";
    static final double P95_LIMIT_MS = 50.0;
    static final double RATIO_LIMIT = 1.5;
    private static final String PREFIX = ConsentSearchBenchmark.class.getName() + ".";
    private static final List<String> ORDER = List.of("searchByCpf", "searchByClientAndStatus", "detailLookup",
            "searchByClientAndStatusExactTotal");
    /** Opt-in exact totals: shown for information; their cost grows with the partner's size by design. */
    private static final String INFORMATION_ONLY = "searchByClientAndStatusExactTotal";
    /** Goal ids of the shared result line ({@code KCC-BENCH|…}) that benchmarks/all.sh collects into one table. */
    private static final Map<String, String> GOAL_IDS = Map.of("searchByCpf", "search-1m-by-cpf",
            "searchByClientAndStatus", "search-1m-by-client-status", "detailLookup", "search-1m-detail");

    private SearchReport() {
    }

    static void print(Collection<RunResult> results) {
        // benchmark → size → statistics (in the result's unit, converted to ms)
        Map<String, Map<String, double[]>> table = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            Result<?> primary = r.getPrimaryResult();
            Statistics s = primary.getStatistics();
            double toMs = toMillis(primary.getScoreUnit());
            table.computeIfAbsent(name.substring(PREFIX.length()), k -> new TreeMap<>())
                    .put(r.getParams().getParam("size"), new double[]{
                            s.getPercentile(50) * toMs, s.getPercentile(95) * toMs, s.getPercentile(99) * toMs, s.getN()});
        }
        if (table.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("== Back-office search on PostgreSQL (SampleTime; goal: p95 < 50 ms at 1M and "
                + "p95(1M) / p95(10k) <= 1.5) ==");
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s   %9s %9s %9s %9s   %7s  %s%n", "benchmark",
                "10k p50", "10k p95", "10k p99", "samples", "1M p50", "1M p95", "1M p99", "samples", "ratio", "verdict");
        List<String> goalLines = new ArrayList<>();
        for (String name : ORDER) {
            Map<String, double[]> bySize = table.get(name);
            if (bySize == null) {
                continue;
            }
            double[] small = bySize.get(SMALL);
            double[] large = bySize.get(LARGE);
            String ratio = "-";
            String verdict;
            if (small != null && large != null && name.equals(INFORMATION_ONLY)) {
                ratio = String.format(Locale.ROOT, "%.2fx", large[1] / small[1]);
                verdict = "for information (exact-total=true opt-in; not part of the goal)";
            } else if (small != null && large != null) {
                double r = large[1] / small[1];
                ratio = String.format(Locale.ROOT, "%.2fx", r);
                boolean fast = large[1] < P95_LIMIT_MS;
                boolean flat = r <= RATIO_LIMIT;
                verdict = (fast && flat ? "MET" : "NOT MET")
                        + String.format(Locale.ROOT, " (p95 at 1M %.2f ms %s 50 ms: %s; ratio %.2f %s 1.5: %s)",
                        large[1], fast ? "<" : ">=", fast ? "MET" : "NOT MET", r, flat ? "<=" : ">", flat ? "MET" : "NOT MET");
                goalLines.add(String.format(Locale.ROOT, "KCC-BENCH|%s|%s p95 at 1M < 50 ms and p95(1M) / p95(10k) <= 1.5"
                        + "|p95 at 10k ms=%.3f|p95 at 1M ms=%.3f|%.2f|%s", GOAL_IDS.get(name), name, small[1], large[1],
                        r, fast && flat ? "MET" : "NOT MET"));
            } else if (large != null) {
                boolean fast = large[1] < P95_LIMIT_MS;
                verdict = "p95 at 1M " + (fast ? "MET" : "NOT MET") + "; ratio needs both sizes in the same run";
            } else {
                verdict = "needs the 1,000,000 size in the same run";
            }
            System.out.printf(Locale.ROOT, "%-34s %s   %s   %7s  %s%n", name, cells(small), cells(large), ratio, verdict);
        }
        for (Map.Entry<String, Map<String, double[]>> e : table.entrySet()) {
            if (!ORDER.contains(e.getKey())) {
                System.out.println("(also ran " + e.getKey() + ")");
            }
        }
        System.out.println("(times in ms per call, one call = one request: fresh EntityManager + transaction; "
                + "p95 is over all measured samples)");
        goalLines.forEach(System.out::println);
    }

    private static String cells(double[] v) {
        if (v == null) {
            return String.format(Locale.ROOT, "%9s %9s %9s %9s", "-", "-", "-", "-");
        }
        return String.format(Locale.ROOT, "%9.3f %9.3f %9.3f %,9d", v[0], v[1], v[2], (long) v[3]);
    }

    private static double toMillis(String unit) {
        return switch (unit.substring(0, unit.indexOf('/'))) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            default -> throw new IllegalArgumentException("unexpected unit " + unit);
        };
    }
}
