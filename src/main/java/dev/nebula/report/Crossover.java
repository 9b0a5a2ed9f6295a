package dev.nebula.report;

import dev.nebula.results.Measurement;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a round trip's fixed cost stops mattering: per function, each runtime that calls over pipes (descriptor kind
 * PROCESS or CONTAINER) against each in-JVM runtime, over the n both ran in steady state. Time per call is 1 / the
 * median iteration's calls per second, as the scaling chart draws it.
 */
final class Crossover {
    /** Fewer common n than this leave a line through two points, which says nothing about where it bends. */
    static final int FEWEST_N = 3;
    /** A round trip within this factor of an in-JVM call no longer decides which is faster. */
    static final double WITHIN = 1.25;

    /** One runtime's steady-state time per call against n, for one function. */
    record Line(String runtime, NavigableMap<Double, Double> micros) {}

    /** What the ratio of a round trip to an in-JVM call does as n grows. */
    enum Outcome {
        /** Slower at the smallest n, as fast at some larger n. */
        CROSSES,
        /** Slower at every common n. */
        NEVER,
        /** As fast or faster at every common n: no fixed cost to outgrow. */
        FASTER_THROUGHOUT,
        /** As fast at the smallest n and slower at some larger one: a ratio that does not shrink with n. */
        FASTER_AT_FIRST,
        /** Fewer than {@link #FEWEST_N} common n. */
        TOO_FEW
    }

    /**
     * A round-trip runtime against an in-JVM one on one function.
     *
     * @param n the common n, ascending; ratios the round trip's time per call ÷ the in-JVM one's at each
     * @param crossoverN where the round trip first falls to the in-JVM time (interpolated), NaN unless {@link Outcome#CROSSES}
     * @param slowerAgainN the first common n above the crossover where the round trip is slower again, NaN if none
     * @param withinFrom the smallest common n from which on the round trip stays within {@link #WITHIN}×, NaN if none
     */
    record Pair(String fn, String roundTrip, String inJvm, Outcome outcome, List<Double> n, List<Double> ratios,
                double crossoverN, double slowerAgainN, double withinFrom) {
        String name() {
            return roundTrip + " ÷ " + inJvm;
        }

        double firstRatio() {
            return ratios.isEmpty() ? Double.NaN : ratios.getFirst();
        }

        double lastRatio() {
            return ratios.isEmpty() ? Double.NaN : ratios.getLast();
        }
    }

    /**
     * A round trip's fixed-cost share at each n it ran: 1 − (the fastest in-JVM time per call at that n ÷ its own), the
     * part of its time the fastest in-JVM runtime did not need; at most 0 where the round trip was as fast.
     */
    record Share(String fn, String roundTrip, NavigableMap<Double, Double> byN) {}

    private final Map<String, Map<String, Line>> lines;

    Crossover(List<Measurement> steady) {
        this.lines = timesPerCall(steady);
    }

    /** Per function, per case label, the time per call in µs against the numeric n; cases without either are left out. */
    static Map<String, Map<String, Line>> timesPerCall(List<Measurement> steady) {
        Map<String, Map<String, Line>> byFn = new LinkedHashMap<>();
        for (Measurement m : steady) {
            double n = MetricMaths.numericN(m);
            double micros = 1e6 / MetricMaths.perSecond(m);
            if (Double.isFinite(n) && n > 0 && Double.isFinite(micros) && micros > 0) {
                byFn.computeIfAbsent(m.fn(), fn -> new LinkedHashMap<>())
                        .computeIfAbsent(HtmlReport.caseLabel(m), label -> new Line(m.runtime(), new TreeMap<>())).micros().put(n, micros);
            }
        }
        return byFn;
    }

    Map<String, Map<String, Line>> lines() {
        return lines;
    }

    private static boolean roundTrip(Line line) {
        return RuntimeRoles.kind(line.runtime()).filter(k -> k == Kind.PROCESS || k == Kind.CONTAINER).isPresent();
    }

    private static boolean inJvm(Line line) {
        return RuntimeRoles.kind(line.runtime()).filter(k -> k == Kind.IN_JVM).isPresent();
    }

    /** Every round-trip runtime against every in-JVM runtime, per function, in the run's order. */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        lines.forEach((fn, byLabel) -> byLabel.forEach((r, roundTrip) -> {
            if (roundTrip(roundTrip)) {
                byLabel.forEach((j, inJvm) -> {
                    if (inJvm(inJvm)) {
                        pairs.add(pair(fn, r, roundTrip.micros(), j, inJvm.micros()));
                    }
                });
            }
        }));
        return pairs;
    }

    /** The round trip {@code r} against {@code j} over the n both have. */
    static Pair pair(String fn, String r, NavigableMap<Double, Double> rMicros, String j, NavigableMap<Double, Double> jMicros) {
        List<Double> n = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        rMicros.forEach((x, tR) -> {
            Double tJ = jMicros.get(x);
            if (tJ != null) {
                n.add(x);
                ratios.add(tR / tJ);
            }
        });
        if (n.size() < FEWEST_N) {
            return new Pair(fn, r, j, Outcome.TOO_FEW, n, ratios, Double.NaN, Double.NaN, Double.NaN);
        }
        double withinFrom = Double.NaN;
        for (int i = n.size() - 1; i >= 0 && ratios.get(i) <= WITHIN; i--) {
            withinFrom = n.get(i);
        }
        if (ratios.getFirst() <= 1) {
            Outcome outcome = ratios.stream().allMatch(q -> q <= 1) ? Outcome.FASTER_THROUGHOUT : Outcome.FASTER_AT_FIRST;
            return new Pair(fn, r, j, outcome, n, ratios, Double.NaN, Double.NaN, withinFrom);
        }
        for (int i = 1; i < n.size(); i++) {
            if (ratios.get(i) <= 1) {
                // log(tR/tJ) is linear in log n between two points when both times are; its zero is the crossover.
                double above = Math.log(ratios.get(i - 1));
                double below = Math.log(ratios.get(i));
                double logN = Math.log(n.get(i - 1)) + (Math.log(n.get(i)) - Math.log(n.get(i - 1))) * above / (above - below);
                double slowerAgain = Double.NaN;
                for (int k = i + 1; k < n.size() && Double.isNaN(slowerAgain); k++) {
                    slowerAgain = ratios.get(k) > 1 ? n.get(k) : Double.NaN;
                }
                return new Pair(fn, r, j, Outcome.CROSSES, n, ratios, Math.exp(logN), slowerAgain, withinFrom);
            }
        }
        return new Pair(fn, r, j, Outcome.NEVER, n, ratios, Double.NaN, Double.NaN, withinFrom);
    }

    /** Each round trip's fixed-cost share at each n where an in-JVM runtime ran too, per function. */
    List<Share> shares() {
        List<Share> shares = new ArrayList<>();
        lines.forEach((fn, byLabel) -> byLabel.forEach((r, roundTrip) -> {
            if (!roundTrip(roundTrip)) {
                return;
            }
            NavigableMap<Double, Double> byN = new TreeMap<>();
            roundTrip.micros().forEach((n, tR) -> fastestInJvm(byLabel, n).ifPresent(fastest -> byN.put(n, 1 - fastest / tR)));
            if (!byN.isEmpty()) {
                shares.add(new Share(fn, r, byN));
            }
        }));
        return shares;
    }

    private static Optional<Double> fastestInJvm(Map<String, Line> byLabel, double n) {
        return byLabel.values().stream().filter(Crossover::inJvm).map(line -> line.micros().get(n)).filter(t -> t != null)
                .min(Double::compare);
    }

    /** An n as people read it: whole below a thousand, with an SI prefix above ({@code 3.50 k}). */
    static String formatN(double n) {
        return n < 1000 ? Long.toString(Math.round(n)) : Numbers.count(n);
    }

    /** What a pair's crossover column says, in words. */
    static String verdict(Pair pair) {
        return switch (pair.outcome()) {
            case CROSSES -> "n ≈ " + formatN(pair.crossoverN())
                    + (Double.isNaN(pair.slowerAgainN()) ? "" : " (slower again at n=" + formatN(pair.slowerAgainN()) + ")");
            case NEVER -> "none up to n=" + formatN(pair.n().getLast()) + ": " + pair.roundTrip() + " is "
                    + Numbers.ratio(pair.lastRatio()) + " " + pair.inJvm() + " there";
            case FASTER_THROUGHOUT -> pair.roundTrip() + " is as fast or faster at every n";
            case FASTER_AT_FIRST -> pair.roundTrip() + " is as fast already at n=" + formatN(pair.n().getFirst())
                    + " but " + Numbers.ratio(pair.ratios().stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                    + " at worst above it: no fixed cost to outgrow";
            case TOO_FEW -> pair.n().size() + " common n, fewer than " + FEWEST_N + ": no crossover computed";
        };
    }
}
