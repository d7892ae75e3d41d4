package io.github.kcconsent.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Optional;

/**
 * Runs the benchmarks with the usual JMH command line options, then prints the two ratios the goals are stated
 * in. Scores are throughputs (ops/s), so for a pair the cost ratio is {@code baseline ops/s ÷ candidate ops/s}
 * (= candidate time per op ÷ baseline time per op).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.kcconsent.bench.RatioReport -f 1 -wi 2 -i 3 -w 2s -r 3s</pre>
 *
 * A pair is reported only if both of its rows ran (e.g. not filtered out by an include pattern). If
 * {@link ConsentSearchBenchmark} ran, {@link SearchReport} adds its p95 table, 1M / 10k ratios and verdicts.
 * That one needs PostgreSQL, so it runs only when named (an include pattern matching it), never by default.
 */
public final class RatioReport {

    private static final String LINK = ConsentLinkValidationBenchmark.class.getName() + ".";
    private static final String STORE = ConsentStoreCryptoBenchmark.class.getName() + ".";

    private RatioReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Options options = cli;
        if (cli.getIncludes().isEmpty()) {
            // Needs PostgreSQL and a few minutes: only when named, e.g. "ConsentSearchBenchmark".
            options = new OptionsBuilder().parent(cli).exclude(ConsentSearchBenchmark.class.getSimpleName()).build();
            System.out.println("(ConsentSearchBenchmark not included: it needs PostgreSQL; name it to run it)");
        }
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult r : results) {
            scores.put(r.getParams().getBenchmark(), r.getPrimaryResult());
        }

        if (scores.keySet().stream().anyMatch(name -> name.startsWith(LINK) || name.startsWith(STORE))) {
            printThroughputGoals(scores, storeOnPostgres(options));
        }
        SearchReport.print(results);
    }

    /**
     * Whether the store rows ran against PostgreSQL: the forks get the JDBC URL from the JVM options
     * ({@code -jvmArgsAppend "-Dkcconsent.bench.jdbc-url=jdbc:postgresql:…"}), or with {@code -f 0} from this JVM.
     */
    static boolean storeOnPostgres(Options options) {
        String key = "-Dkcconsent.bench.jdbc-url=";
        StringBuilder all = new StringBuilder();
        for (Optional<Collection<String>> args
                : List.of(options.getJvmArgs(), options.getJvmArgsAppend(), options.getJvmArgsPrepend())) {
            if (args.hasValue()) {
                all.append(' ').append(String.join(" ", args.get()));
            }
        }
        int at = all.lastIndexOf(key);
        String url = at >= 0 ? all.substring(at + key.length()) : System.getProperty("kcconsent.bench.jdbc-url", "");
        return url.startsWith("jdbc:postgresql:");
    }

    private static void printThroughputGoals(Map<String, Result<?>> scores, boolean storeOnPostgres) {
        System.out.println();
        System.out.println("== Goals (scores are ops/s; cost ratio = baseline ops/s / candidate ops/s) ==");
        Result<?> raw = scores.get(LINK + "rawNimbusParseAndVerify");
        Result<?> full = scores.get(LINK + "fullLinkValidation");
        Result<?> reject = scores.get(LINK + "rejectOneMegabyteToken");
        if (raw != null && full != null) {
            double ratio = raw.getScore() / full.getScore();
            System.out.printf(Locale.ROOT, "consent link: full validation costs %.2fx raw parse+verify "
                    + "(%s vs %s)  goal <= 1.50x: %s%n", ratio, fmt(full), fmt(raw), verdict(ratio <= 1.5));
            System.out.printf(Locale.ROOT, "KCC-BENCH|link-validation|full consent-link validation costs <= 1.5x "
                    + "raw parse+verify|raw parse+verify ops/s=%.1f|full validation ops/s=%.1f|%.2f|%s%n",
                    raw.getScore(), full.getScore(), ratio, verdict(ratio <= 1.5));
        }
        if (raw != null && reject != null) {
            double ratio = raw.getScore() / reject.getScore();
            System.out.printf(Locale.ROOT, "consent link: rejecting 1 MB costs %.6fx a raw parse+verify "
                    + "(%s vs %s)  goal <= 1.00x: %s%n", ratio, fmt(reject), fmt(raw), verdict(ratio <= 1.0));
            System.out.printf(Locale.ROOT, "KCC-BENCH|reject-1mb-token|refusing a 1 MB token costs <= 1x verifying "
                    + "a valid one|raw parse+verify ops/s=%.1f|reject 1 MB ops/s=%.1f|%.2f|%s%n",
                    raw.getScore(), reject.getScore(), ratio, verdict(ratio <= 1.0));
        }
        Result<?> noOp = scores.get(STORE + "noOpBaseline");
        Result<?> aes = scores.get(STORE + "aesGcm");
        if (noOp != null && aes != null) {
            double loss = 1.0 - aes.getScore() / noOp.getScore();
            System.out.printf(Locale.ROOT, "consent store: AES-GCM costs %.1f%% of throughput, i.e. %.3fx the "
                    + "no-op baseline (%s vs %s)  goal <= 10%%: %s%n", loss * 100, noOp.getScore() / aes.getScore(),
                    fmt(aes), fmt(noOp), verdict(loss <= 0.10));
            // The shared result line (one per goal), collected by the project's benchmark table.
            System.out.printf(Locale.ROOT, "KCC-BENCH|%s|field encryption costs <= 10%% of store throughput on %s "
                            + "(loss = 1 - aesGcm/noOpBaseline)|noOpBaseline ops/s=%.1f|aesGcm ops/s=%.1f|%.2f|%s%n",
                    storeOnPostgres ? "field-encryption-pg" : "field-encryption-h2",
                    storeOnPostgres ? "PostgreSQL" : "in-memory H2", noOp.getScore(), aes.getScore(), loss,
                    verdict(loss <= 0.10));
        }
        Result<?> envelope = scores.get(STORE + "aesGcmEnvelope");
        if (aes != null && envelope != null) {
            double ratio = aes.getScore() / envelope.getScore();
            System.out.printf(Locale.ROOT, "KCC-BENCH|%s|create + authorise + read under a per-customer data key costs "
                            + "<= 1.1x the realm key alone on %s (both seal the history)|aesGcm ops/s=%.1f|aesGcmEnvelope ops/s=%.1f|%.2f|%s%n",
                    storeOnPostgres ? "envelope-encryption-pg" : "envelope-encryption-h2",
                    storeOnPostgres ? "PostgreSQL" : "in-memory H2", aes.getScore(), envelope.getScore(), ratio,
                    verdict(ratio <= 1.1));
        }
        Result<?> seal = scores.get(STORE + "historySeal");
        if (aes != null && envelope != null && seal != null) {
            // Today's path (realm key, no history seal) is aesGcm's time per op minus its two seals.
            double before = 1.0 / aes.getScore() - 2.0 / seal.getScore();
            double ratio = (1.0 / envelope.getScore()) / before;
            System.out.printf(Locale.ROOT, "KCC-BENCH|%s|create + authorise + read with envelope encryption and history "
                            + "sealing costs <= 1.1x the path before 0.4.0 (aesGcm minus its 2 seals) on %s|before ops/s=%.1f|"
                            + "aesGcmEnvelope ops/s=%.1f|%.2f|%s%n",
                    storeOnPostgres ? "envelope-and-sealing-pg" : "envelope-and-sealing-h2",
                    storeOnPostgres ? "PostgreSQL" : "in-memory H2", 1.0 / before, envelope.getScore(), ratio,
                    verdict(ratio <= 1.1));
        }
        Result<?> fieldSeal = scores.get(STORE + "fieldSeal");
        Result<?> fieldOpen = scores.get(STORE + "fieldOpen");
        if (aes != null && fieldSeal != null && fieldOpen != null) {
            // No goal of its own: says how much of the encryption row's loss the cipher itself can explain.
            double cipherSeconds = 5.0 / fieldSeal.getScore() + 5.0 / fieldOpen.getScore();
            System.out.printf(Locale.ROOT, "field cipher: seal %.2f us, open %.2f us per value; the 5 seals and 5 opens "
                            + "of a store round trip take %.1f us, %.1f%% of an aesGcm round trip on %s%n",
                    1e6 / fieldSeal.getScore(), 1e6 / fieldOpen.getScore(), cipherSeconds * 1e6,
                    cipherSeconds * aes.getScore() * 100, storeOnPostgres ? "PostgreSQL" : "in-memory H2");
        }
        System.out.println("(short runs are noisy: compare the score errors in the table above before concluding)");
    }

    private static String fmt(Result<?> r) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f %s", r.getScore(), r.getScoreError(), r.getScoreUnit());
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }
}
