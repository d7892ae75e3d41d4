package io.github.kcconsent.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The store pair ({@code aesGcm} against {@code noOpBaseline} of {@link ConsentStoreCryptoBenchmark}) measured in
 * interleaved rounds, for the encryption goal on PostgreSQL. Why not JMH's forks: JMH runs every fork of one row
 * before the next row, so the two rows are minutes apart, and on a real database each row's throughput drifts by
 * 15–25 % over minutes (commits wait for the disk). One run's loss then flipped between −23 % and 18 % on the
 * same code. Here each round runs one fork of each row back to back, the order alternating (baseline first in
 * odd rounds, encryption first in even ones, so neither row always gets the warmer or the colder database), and
 * the verdict is the round with the median loss. Every round is printed.
 *
 * <p>Takes JMH's own options; {@code -f N} is the number of rounds (each row runs one fork per round). Names its
 * two rows itself, so the options must not name benchmarks.
 */
public final class StorePairRounds {

    private static final String STORE = ConsentStoreCryptoBenchmark.class.getName() + ".";
    private static final double GOAL = 0.10;

    /** One round: both rows' ops/s, measured one right after the other. */
    record Round(int number, double baseline, double encrypted) {

        /** Odd rounds run the baseline first, even rounds the encryption. */
        static boolean baselineFirst(int number) {
            return number % 2 == 1;
        }

        boolean baselineFirst() {
            return baselineFirst(number);
        }

        double loss() {
            return 1.0 - encrypted / baseline;
        }
    }

    private StorePairRounds() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (!cli.getIncludes().isEmpty()) {
            throw new IllegalArgumentException("StorePairRounds runs aesGcm and noOpBaseline itself; "
                    + "give only JMH options, not " + cli.getIncludes());
        }
        int rounds = cli.getForkCount().orElse(1);
        if (rounds < 1) {
            throw new IllegalArgumentException("-f is the number of rounds: at least 1");
        }
        List<Round> done = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            boolean baselineFirst = Round.baselineFirst(i);
            double first = score(cli, baselineFirst ? "noOpBaseline" : "aesGcm");
            double second = score(cli, baselineFirst ? "aesGcm" : "noOpBaseline");
            done.add(baselineFirst ? new Round(i, first, second) : new Round(i, second, first));
        }
        print(done, RatioReport.storeOnPostgres(cli));
    }

    private static double score(CommandLineOptions cli, String row) throws Exception {
        RunResult result = new Runner(new OptionsBuilder().parent(cli).include(STORE + row + "$").forks(1).build())
                .runSingle();
        return result.getPrimaryResult().getScore();
    }

    /** The round with the median loss: the middle one, or with an even count the worse of the two middle ones. */
    static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(Round::loss));
        return sorted.get(sorted.size() / 2);
    }

    private static void print(List<Round> rounds, boolean onPostgres) {
        System.out.println();
        System.out.println("== Store pair in interleaved rounds (ops/s; loss = 1 - aesGcm/noOpBaseline) ==");
        for (Round r : rounds) {
            System.out.printf(Locale.ROOT, "round %d (%s first): noOpBaseline %.1f, aesGcm %.1f, loss %.1f%%%n",
                    r.number(), r.baselineFirst() ? "noOpBaseline" : "aesGcm", r.baseline(), r.encrypted(),
                    r.loss() * 100);
        }
        Round median = median(rounds);
        boolean met = median.loss() <= GOAL;
        System.out.printf(Locale.ROOT, "KCC-BENCH|%s|field encryption costs <= 10%% of store throughput on %s "
                        + "(loss = 1 - aesGcm/noOpBaseline; the median of %d interleaved rounds, round %d)"
                        + "|noOpBaseline ops/s=%.1f|aesGcm ops/s=%.1f|%.2f|%s%n",
                onPostgres ? "field-encryption-pg" : "field-encryption-h2", onPostgres ? "PostgreSQL" : "in-memory H2",
                rounds.size(), median.number(), median.baseline(), median.encrypted(), median.loss(),
                met ? "MET" : "NOT MET");
    }
}
