package io.tuneflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code tuneflow} command: validate tuning requests, check metric definitions against logs. */
@Command(name = "tuneflow",
        mixinStandardHelpOptions = true,
        versionProvider = TuneflowCommand.Version.class,
        description = "Validate, run and test SageMaker hyperparameter tuning jobs.",
        subcommands = {RunCommand.class, StatusCommand.class, ResultsCommand.class, ReportCommand.class, ValidateCommand.class, CheckMetricsCommand.class, ServeCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class TuneflowCommand {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of internal failures.")
    boolean debug;

    public static void main(String[] args) {
        // Engine warnings on stderr as one short line each, not java.util.logging's two-line default.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code (0 ok, 2 invalid input, 1 failure). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new TuneflowCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().getErr().println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return ExitCodes.INVALID_INPUT;
        });
        return commandLine.execute(args);
    }

    /** Internal failures are reported in one line unless --debug asks for the stack trace. */
    private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--debug"))
                    || Boolean.getBoolean("tuneflow.debug"); // set by the test runner: a failing test shows its trace
            PrintWriter err = commandLine.getErr();
            if (e instanceof UserInputException) {
                err.println("tuneflow: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            err.println("tuneflow: internal error: " + e);
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("Run again with --debug for the stack trace.");
            }
            return ExitCodes.FAILURE;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = TuneflowCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"tuneflow " + properties.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
