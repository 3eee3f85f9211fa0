package io.tuneflow.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The text form of an {@link OptimizerReport}: one table of regret and overhead, one of overhead at larger histories. */
public final class ReportTable {

    private ReportTable() {
    }

    public static void print(OptimizerReport report, PrintWriter out) {
        OptimizerReport.Machine m = report.machine();
        String optuna = report.optuna() == null ? "Optuna not run"
                : "Python " + report.optuna().python() + ", Optuna " + report.optuna().optuna();
        out.printf("tuneflow bench optimizers: %d trials × %d seeds (%d..%d); %d cores, %s, %s; %s%n",
                report.trials(), report.seeds(), report.firstSeed(), report.firstSeed() + report.seeds() - 1,
                m.cores(), m.os(), m.java(), optuna);
        out.printf("regret = |best found - known optimum| after %d trials, median and IQR over seeds; overhead = wall time"
                + " inside suggest (tuneflow) or inside the sampler (Optuna) at %d observations, median over seeds;"
                + " repeats = trials that trained a configuration an earlier trial had, mean per run%n%n",
                report.trials(), report.trials());
        int problemWidth = report.results().stream().mapToInt(r -> r.problem().length()).max().orElse(0);
        String row = "%-" + Math.max(15, problemWidth) + "s %-17s %-11s %13s %11s  %-22s %13s %8s%n";
        out.printf(row, "problem", "optimizer", "mode", "median regret", "IQR", "[Q1, Q3]", "overhead (ms)", "repeats");
        for (BenchResult r : report.results()) {
            Summary regret = r.regret();
            out.printf(row, r.problem(), r.optimizer(), r.mode(), figure(regret.median()), figure(regret.iqr()),
                    "[" + figure(regret.lowerQuartile()) + ", " + figure(regret.upperQuartile()) + "]",
                    median(r.overheadAt(r.trials())), repeats(r.meanRepeats()));
        }
        printComparisons(report.comparisons(), out);
        if (report.overhead().isEmpty()) {
            return;
        }
        BenchResult first = report.overhead().get(0);
        List<Integer> points = first.overheadPoints();
        out.printf("%noverhead per suggestion on %s, %s, %d trials × %d seeds (median ms)%n",
                first.problem(), first.mode(), first.trials(), first.seeds().size());
        StringBuilder header = new StringBuilder(String.format("%-17s", "optimizer"));
        points.forEach(p -> header.append(String.format(" %14s", "at " + p + " obs")));
        out.println(header);
        for (BenchResult r : report.overhead()) {
            StringBuilder line = new StringBuilder(String.format("%-17s", r.optimizer()));
            points.forEach(p -> line.append(String.format(" %14s", median(r.overheadAt(p)))));
            out.println(line);
        }
    }

    private static void printComparisons(List<MedianRatio> comparisons, PrintWriter out) {
        if (comparisons.isEmpty()) {
            return;
        }
        out.printf("%ntargets: ratio of median regrets, %.0f%% bootstrap interval over seeds; met when the interval is at"
                + " or below the target, missed when it is above, otherwise undecided%n", 100 * MedianRatio.LEVEL);
        int problemWidth = comparisons.stream().mapToInt(c -> c.problem().length()).max().orElse(0);
        String row = "%-" + Math.max(15, problemWidth) + "s %-28s %-28s %10s  %-22s %7s  %s%n";
        out.printf(row, "problem", "subject", "reference", "ratio", "interval", "target", "verdict");
        for (MedianRatio c : comparisons) {
            out.printf(row, c.problem(), c.subject(), c.reference(), figure(c.ratio()),
                    "[" + figure(c.low()) + ", " + figure(c.high()) + "]", "≤ " + figure(c.target()),
                    c.verdict().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String repeats(double mean) {
        return mean == 0 ? "0" : String.format(Locale.ROOT, "%.1f", mean);
    }

    private static String median(Optional<Summary> summary) {
        return summary.map(s -> figure(s.median())).orElse("-");
    }

    /** Three significant digits; exponent form below 1e-4, where regrets of good optimizers end up. */
    static String figure(double value) {
        return value == 0 ? "0" : String.format(Locale.ROOT, "%.3g", value);
    }
}
