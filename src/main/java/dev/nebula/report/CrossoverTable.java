package dev.nebula.report;

import dev.nebula.report.Crossover.Outcome;
import dev.nebula.report.Crossover.Pair;
import dev.nebula.report.Crossover.Share;
import dev.nebula.report.HtmlPage.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Crossover} as people read it: the page's table under the scaling charts, and the same in Markdown (report and README). */
final class CrossoverTable {
    static final List<String> HEADERS = List.of("fn", "round trip ÷ in-JVM", "crossover", "ratio at the smallest n",
            "ratio at the largest n", "within " + Numbers.ratio(Crossover.WITHIN) + " from n");

    private final Crossover crossover;
    private final List<Pair> computed;
    private final List<Pair> tooFew;

    CrossoverTable(Crossover crossover) {
        this.crossover = crossover;
        List<Pair> pairs = crossover.pairs();
        this.computed = pairs.stream().filter(p -> p.outcome() != Outcome.TOO_FEW).toList();
        this.tooFew = pairs.stream().filter(p -> p.outcome() == Outcome.TOO_FEW).toList();
    }

    /** What the figures are, said once above the table. */
    static String explanation() {
        return "Time per call is 1 ÷ the median iteration's calls per second, per function, for each runtime that calls over"
                + " pipes (a process or a container, by its descriptor's kind) against each in-JVM runtime, over the n both ran."
                + " The crossover is where the round trip's time per call first falls to the in-JVM one's, interpolated linearly"
                + " in log n and log time between the two neighbouring n where it does; a ratio is the round trip's time ÷ the"
                + " in-JVM time (2× = twice as slow); \"within " + Numbers.ratio(Crossover.WITHIN) + " from n\" is the smallest n"
                + " from which it stays within " + Numbers.ratio(Crossover.WITHIN) + ", where the round trip stops mattering."
                + " Computed only where the pair has at least " + Crossover.FEWEST_N + " common n; below the table, each round"
                + " trip's fixed-cost share: the part of its time per call the fastest in-JVM runtime at that n did not need.";
    }

    /** Why there is no table: no pair at all, or none with enough common n; empty when there is one. */
    String missing() {
        if (computed.isEmpty() && tooFew.isEmpty()) {
            return "No steady state of a round-trip runtime (a process or a container) beside an in-JVM runtime on the same"
                    + " function, so there is no crossover.";
        }
        if (computed.isEmpty()) {
            int most = tooFew.stream().mapToInt(p -> p.n().size()).max().orElse(0);
            return "This run has too few n for a crossover: a round-trip runtime and an in-JVM runtime ran the same function"
                    + " at " + most + " common n at most, and a crossover needs " + Crossover.FEWEST_N + ". The default suite"
                    + " sweeps log-spaced n per function on plain Java, a wasm runtime and a container; a run of it, or one"
                    + " with <code>-p n=</code> several numbers per function, has them.";
        }
        return "";
    }

    /** The pairs left out for too few common n, grouped by pair: which functions, and how many n they had. */
    String leftOut() {
        if (tooFew.isEmpty() || computed.isEmpty()) {
            return "";
        }
        Map<String, List<Pair>> byName = new LinkedHashMap<>();
        tooFew.forEach(p -> byName.computeIfAbsent(p.name(), name -> new ArrayList<>()).add(p));
        Set<String> fns = new LinkedHashSet<>(crossover.lines().keySet());
        List<String> parts = new ArrayList<>();
        byName.forEach((name, pairs) -> {
            List<String> pairFns = pairs.stream().map(Pair::fn).toList();
            int most = pairs.stream().mapToInt(p -> p.n().size()).max().orElse(0);
            parts.add(name + " (" + (pairFns.containsAll(fns) ? "every function" : String.join(", ", pairFns)) + "; "
                    + most + " common n at most)");
        });
        return "Fewer than " + Crossover.FEWEST_N + " common n, so no crossover: " + String.join("; ", parts) + ".";
    }

    void table(HtmlPage page) {
        page.heading(3, "crossover", "Where the round trip stops mattering");
        page.paragraph("note", HtmlPage.escape(explanation()));
        if (!missing().isEmpty()) {
            page.paragraph("missing", missing());
        }
        if (!computed.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (Pair p : computed) {
                rows.add(HtmlPage.row(Cell.text(p.fn()), Cell.text(p.name()), Cell.number(Crossover.verdict(p), sortKey(p)),
                        Cell.number(ratioAt(p, 0), p.firstRatio()), Cell.number(ratioAt(p, p.n().size() - 1), p.lastRatio()),
                        Cell.number(Double.isNaN(p.withinFrom()) ? "never" : Crossover.formatN(p.withinFrom()), p.withinFrom())));
            }
            page.table("crossover-table", HEADERS, rows);
        }
        if (!leftOut().isEmpty()) {
            page.paragraph("missing", HtmlPage.escape(leftOut()));
        }
        List<Share> shares = crossover.shares();
        if (!shares.isEmpty()) {
            List<List<Cell>> rows = new ArrayList<>();
            shares.forEach(s -> rows.add(HtmlPage.row(Cell.text(s.fn()), Cell.text(s.roundTrip()), Cell.text(shares(s)))));
            page.table("fixed-cost-share-table", List.of("fn", "round trip", "fixed-cost share at each n"), rows);
        }
    }

    /** The same as Markdown, without a heading: the report and the README put their own above it. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        if (!missing().isEmpty()) {
            md.append(missing().replace("<code>", "`").replace("</code>", "`")).append("\n\n");
        }
        if (!computed.isEmpty()) {
            md.append(explanation()).append("\n\n| ").append(String.join(" | ", HEADERS)).append(" |\n|---|---|---|---:|---:|---:|\n");
            for (Pair p : computed) {
                md.append("| ").append(p.fn()).append(" | `").append(p.roundTrip()).append("` ÷ `").append(p.inJvm()).append("` | ")
                        .append(Crossover.verdict(p)).append(" | ").append(ratioAt(p, 0)).append(" | ")
                        .append(ratioAt(p, p.n().size() - 1)).append(" | ")
                        .append(Double.isNaN(p.withinFrom()) ? "never" : Crossover.formatN(p.withinFrom())).append(" |\n");
            }
            md.append('\n');
        }
        if (!leftOut().isEmpty()) {
            md.append(leftOut()).append("\n\n");
        }
        List<Share> shares = crossover.shares();
        if (!shares.isEmpty()) {
            md.append("Fixed-cost share of each round trip's time per call (1 − the fastest in-JVM time ÷ its own), at each n:\n\n")
                    .append("| fn | round trip | share at each n |\n|---|---|---|\n");
            shares.forEach(s -> md.append("| ").append(s.fn()).append(" | `").append(s.roundTrip()).append("` | ")
                    .append(shares(s)).append(" |\n"));
            md.append('\n');
        }
        return md.toString();
    }

    /** A ratio with the n it was taken at: {@code 12.3× (n=3.50 k)}. */
    private static String ratioAt(Pair p, int i) {
        return Numbers.ratio(p.ratios().get(i)) + " (n=" + Crossover.formatN(p.n().get(i)) + ")";
    }

    /** Sorts crossovers by n, then the pairs that never cross after them. */
    private static double sortKey(Pair p) {
        return p.outcome() == Outcome.CROSSES ? p.crossoverN() : p.outcome() == Outcome.NEVER ? Double.MAX_VALUE : 0;
    }

    private static String shares(Share s) {
        List<String> parts = new ArrayList<>();
        s.byN().forEach((n, share) -> parts.add("n=" + Crossover.formatN(n) + ": " + (share <= 0 ? "none" : Numbers.digits(100 * share) + "%")));
        return String.join(" · ", parts);
    }
}
