package io.tuneflow.engine.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * On SageMaker a training job's container ends with its main process, taking every process it started with it.
 * Locally the trainer is started as the leader of its own session ({@code setsid}), so that when it ends — or is
 * stopped — everything still in that session can be found (through {@code /proc}) and ended too, even processes
 * that were orphaned and are no longer its descendants.
 */
public final class TrainerSession {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path PROC = Path.of("/proc");

    private TrainerSession() {
    }

    /** {@code command} run as a new session's leader, where the platform allows it. */
    static List<String> wrap(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Kills every live process of the session led by {@code leader} (except the leader, which the caller handles). */
    public static void killRemaining(long leader) {
        if (!Files.isDirectory(PROC)) {
            return;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> sessionOf(p) == leader)
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> pid != leader)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException e) {
            // /proc unreadable: nothing more can be found
        }
    }

    /**
     * Whether process {@code pid} still runs in {@code workspace}: a recorded pid may have been reused by an unrelated
     * process since, which must never be killed.
     */
    public static boolean runsIn(long pid, Path workspace) {
        try {
            return PROC.resolve(Long.toString(pid)).resolve("cwd").toRealPath().startsWith(workspace.toRealPath());
        } catch (IOException e) {
            return false; // gone, or not ours to inspect
        }
    }

    /** Field 6 of /proc/PID/stat (after the command name in parentheses, which may itself contain spaces). */
    private static long sessionOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1; // the process ended while being read
        }
    }
}
