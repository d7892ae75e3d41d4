package io.github.kcconsent.it.cluster;

import java.util.ArrayList;
import java.util.List;

/** The drills' figures: what each drill expected, what it saw, and whether that held. */
final class DrillTable {

    record Row(String drill, String expected, String observed, boolean pass) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String drill, String expected, String observed, boolean pass) {
        rows.add(new Row(drill, expected, observed, pass));
        System.out.printf("[drill] %s: %s (%s)%n", drill, pass ? "PASS" : "FAIL", observed);
    }

    /** A drill that could not run to its end counts as failed, with the reason as its observation. */
    void broken(String drill, String expected, Throwable why) {
        add(drill, expected, "did not complete: " + why, false);
    }

    boolean allPassed() {
        return rows.stream().allMatch(Row::pass);
    }

    /** Markdown, so the README can show it as printed. */
    String markdown() {
        StringBuilder out = new StringBuilder("| Drill | Expected | Observed | Result |\n|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.drill()).append(" | ").append(r.expected()).append(" | ")
                    .append(r.observed().replace("|", "/")).append(" | ").append(r.pass() ? "PASS" : "FAIL").append(" |\n");
        }
        return out.toString();
    }
}
