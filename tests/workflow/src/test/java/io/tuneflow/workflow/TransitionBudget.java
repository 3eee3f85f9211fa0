package io.tuneflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.workflow.LocalStepFunctions.Execution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the polling costs in state transitions (what Step Functions bills) and history events (what its 25,000
 * limit counts): measured per execution in the workflow tests, and projected over a job's life from the poll
 * schedule in {@link CheckTuningJob#nextPollSeconds(long)}.
 */
final class TransitionBudget {

    /** The states one check passes through: WaitBeforeCheck, CheckTuningStatus, TuningJobState, CountCheck. */
    static final int TRANSITIONS_PER_CHECK = 4;
    /** Their history events: Wait 2, Lambda task 5 (entered, scheduled, started, succeeded, exited), Choice 2, Pass 2. */
    static final int HISTORY_EVENTS_PER_CHECK = 11;
    /** History events of an execution outside its checks (start, Start task, continue or publish and end), at most. */
    static final int HISTORY_EVENTS_OUTSIDE_CHECKS = 60;
    static final int HISTORY_LIMIT = 25_000;

    private static final List<String> MEASURED = Collections.synchronizedList(new ArrayList<>());

    private TransitionBudget() {
    }

    static void record(String scenario, List<Execution> executions) {
        for (Execution e : executions) {
            long checks = e.entered("CheckTuningStatus");
            MEASURED.add(String.format("%-32s %-28s %-9s checks %3d  transitions %4d  history events %4d  retries %d",
                    scenario, e.name(), e.status(), checks, e.transitions(), e.historyEvents(), e.retries()));
            assertThat(e.historyEvents() - HISTORY_EVENTS_PER_CHECK * checks - 3L * e.retries())
                    .as("history events of %s outside its checks", e.name()).isLessThanOrEqualTo(HISTORY_EVENTS_OUTSIDE_CHECKS);
        }
    }

    /** Each check costs at most {@code perCheck} transitions: the loop has no state beyond the four. */
    static void assertLoopCostsAtMost(List<Execution> executions, int perCheck) {
        for (Execution e : executions) {
            long loop = e.entered("WaitBeforeCheck") + e.entered("CheckTuningStatus") + e.entered("TuningJobState") + e.entered("CountCheck");
            assertThat(loop).as(e.summary()).isLessThanOrEqualTo(perCheck * e.entered("CheckTuningStatus"));
        }
    }

    /** The polls of a job that runs {@code length}, hour by hour, on the core's schedule. */
    static List<Integer> checksPerHour(Duration length) {
        List<Integer> perHour = new ArrayList<>();
        long t = 0;
        while (true) {
            t += CheckTuningJob.nextPollSeconds(t);
            if (t > length.getSeconds()) {
                return perHour;
            }
            int hour = (int) (t / 3600);
            while (perHour.size() <= hour) {
                perHour.add(0);
            }
            perHour.set(hour, perHour.get(hour) + 1);
        }
    }

    /** The projection for a job of {@code length} with {@code pollsPerExecution}: what docs/serverless.md quotes. */
    static Projection project(Duration length, int pollsPerExecution) {
        List<Integer> perHour = checksPerHour(length);
        int firstHour = perHour.isEmpty() ? 0 : perHour.get(0);
        int laterHourMax = perHour.stream().skip(1).mapToInt(Integer::intValue).max().orElse(0);
        int checks = perHour.stream().mapToInt(Integer::intValue).sum();
        int executions = (checks + pollsPerExecution - 1) / pollsPerExecution;
        int eventsPerExecution = HISTORY_EVENTS_PER_CHECK * Math.min(checks, pollsPerExecution) + HISTORY_EVENTS_OUTSIDE_CHECKS;
        return new Projection(firstHour, laterHourMax, firstHour * TRANSITIONS_PER_CHECK, laterHourMax * TRANSITIONS_PER_CHECK,
                checks, checks * TRANSITIONS_PER_CHECK, executions, eventsPerExecution);
    }

    record Projection(int checksFirstHour, int checksPerLaterHour, int transitionsFirstHour, int transitionsPerLaterHour,
                      int checks, int transitions, int executions, int maxHistoryEventsPerExecution) {
        @Override
        public String toString() {
            return String.format("first hour: %d checks, %d transitions; each later hour: %d checks, %d transitions; "
                            + "in all %d checks, %d transitions, %d executions of at most %d history events (limit %d)",
                    checksFirstHour, transitionsFirstHour, checksPerLaterHour, transitionsPerLaterHour, checks, transitions,
                    executions, maxHistoryEventsPerExecution, HISTORY_LIMIT);
        }
    }

    static void report() {
        List<String> lines = new ArrayList<>(List.of("Measured per execution (waits shortened; transitions = states entered):"));
        synchronized (MEASURED) {
            MEASURED.stream().sorted().forEach(line -> lines.add("  " + line));
        }
        lines.add("Projected on the poll schedule (wait = elapsed/10 within 5..300 s), " + TRANSITIONS_PER_CHECK
                + " transitions and " + HISTORY_EVENTS_PER_CHECK + " history events per check, 1000 checks per execution:");
        for (Duration length : List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(30))) {
            lines.add("  " + length.toHours() + " h job: " + project(length, 1000));
        }
        lines.forEach(System.out::println);
        try {
            Path out = Path.of(System.getProperty("tuneflow.reports", "target"), "workflow-transitions.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
