package io.github.kcconsent.it.support;

import java.util.Locale;

/**
 * The one result line per goal that every load driver prints and {@code benchmarks/all.sh} collects into its
 * table: {@code KCC-BENCH|<goal id>|<goal>|<baseline label>=<n>|<candidate label>=<n>|<ratio>|<MET or NOT MET>}.
 */
public final class BenchResult {

    private BenchResult() {
    }

    public static String line(String goalId, String goal, String baselineLabel, double baseline,
                              String candidateLabel, double candidate, double ratio, boolean met) {
        return String.format(Locale.ROOT, "KCC-BENCH|%s|%s|%s=%.2f|%s=%.2f|%.2f|%s", goalId, goal, baselineLabel,
                baseline, candidateLabel, candidate, ratio, met ? "MET" : "NOT MET");
    }

    public static void print(String goalId, String goal, String baselineLabel, double baseline,
                             String candidateLabel, double candidate, double ratio, boolean met) {
        System.out.println(line(goalId, goal, baselineLabel, baseline, candidateLabel, candidate, ratio, met));
    }
}
