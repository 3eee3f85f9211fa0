package io.tuneflow.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds what the stack deploys: the functions' shaded jar, and the state machine definition. Both are found the same
 * way, so that {@code cdk synth} works from the repository root, from {@code infrastructure/}, and from an app in
 * another repository that names the files:
 * <ol>
 *   <li>the path the props give;</li>
 *   <li>the system property {@code tuneflow.functionsJar} / environment variable {@code TUNEFLOW_FUNCTIONS_JAR} (the
 *       jar only);</li>
 *   <li>the repository layout ({@code functions/target/tuneflow-functions.jar},
 *       {@code infrastructure/statemachine/tuning.asl.json}) in the working directory or a parent of it;</li>
 *   <li>for the definition only, the copy inside this module's jar.</li>
 * </ol>
 */
public final class TuneflowArtifacts {

    static final String JAR_IN_REPOSITORY = "functions/target/tuneflow-functions.jar";
    static final String DEFINITION_IN_REPOSITORY = "infrastructure/statemachine/tuning.asl.json";
    private static final String DEFINITION_RESOURCE = "/io/tuneflow/infrastructure/tuning.asl.json";

    private TuneflowArtifacts() {
    }

    /** @throws IllegalStateException saying how to build the jar or where to point the props */
    public static Path functionsJar(String configured) {
        String path = configured != null ? configured : firstSet(System.getProperty("tuneflow.functionsJar"), System.getenv("TUNEFLOW_FUNCTIONS_JAR"));
        Path jar = path != null ? Path.of(path) : inRepository(JAR_IN_REPOSITORY);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("The functions jar " + (jar == null ? JAR_IN_REPOSITORY : jar.toAbsolutePath())
                    + " does not exist. Build it from the repository root with `mvn -B -pl functions -am package -DskipTests`, "
                    + "or point TuningOrchestratorProps.functionsJar (or TUNEFLOW_FUNCTIONS_JAR) at it.");
        }
        return jar.toAbsolutePath().normalize();
    }

    public static Path stateMachineDefinition(String configured) {
        if (configured != null) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("The state machine definition " + file.toAbsolutePath() + " does not exist; "
                        + "TuningOrchestratorProps.stateMachineDefinition names it.");
            }
            return file.toAbsolutePath().normalize();
        }
        Path inRepository = inRepository(DEFINITION_IN_REPOSITORY);
        if (inRepository != null) {
            return inRepository.toAbsolutePath().normalize();
        }
        return packagedDefinition();
    }

    /** The definition this module's jar carries, written to a file for {@code DefinitionBody.fromFile}. */
    private static Path packagedDefinition() {
        try (InputStream in = TuneflowArtifacts.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No state machine definition: neither " + DEFINITION_IN_REPOSITORY
                        + " below the working directory nor " + DEFINITION_RESOURCE + " on the class path.");
            }
            Path file = Files.createTempFile("tuning", ".asl.json");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the packaged state machine definition", e);
        }
    }

    private static Path inRepository(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return null;
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
