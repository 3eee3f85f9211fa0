package io.tuneflow.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.document.DocumentFormat;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.model.DocumentBinder;
import io.tuneflow.core.model.PojoWriter;
import io.tuneflow.core.model.ServiceModel;
import io.tuneflow.core.validation.Problems;
import io.tuneflow.engine.tuning.JobJournal;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * The engine's state in an SQLite database under the workspace. Every change of a tuning job or a trial is one
 * statement, committed before the engine goes on (WAL, synchronous FULL), so a {@code kill -9} loses nothing that was
 * reported. Requests are stored in SageMaker's wire JSON and read back with the same binder the API uses.
 */
public final class EngineStore implements JobJournal, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    private EngineStore(Connection connection) {
        this.connection = connection;
    }

    public static EngineStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS tuning_jobs (
                          key TEXT PRIMARY KEY, name TEXT NOT NULL, arn TEXT NOT NULL, request TEXT NOT NULL,
                          status TEXT NOT NULL, failure_reason TEXT, creation_time INTEGER NOT NULL, end_time INTEGER,
                          last_modified_time INTEGER NOT NULL, stop_requested INTEGER NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS trials (
                          tuning_job TEXT NOT NULL, idx INTEGER NOT NULL, training_job_name TEXT NOT NULL,
                          record TEXT NOT NULL, pid INTEGER, PRIMARY KEY (tuning_job, idx))""");
            }
            return new EngineStore(connection);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the engine database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void jobChanged(TuningJob job) {
        execute("""
                INSERT INTO tuning_jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET status = excluded.status, failure_reason = excluded.failure_reason,
                  end_time = excluded.end_time, last_modified_time = excluded.last_modified_time,
                  stop_requested = excluded.stop_requested""",
                key(job.name()), job.name(), job.arn(), PojoWriter.write(job.request()).toString(), job.status(),
                job.failureReason().orElse(null), job.creationTime().toEpochMilli(),
                job.endTime().map(Instant::toEpochMilli).orElse(null), job.lastModifiedTime().toEpochMilli(),
                job.stopRequested() ? 1 : 0);
    }

    @Override
    public synchronized void trialChanged(TuningJob job, Trial trial) {
        execute("""
                INSERT INTO trials (tuning_job, idx, training_job_name, record) VALUES (?, ?, ?, ?)
                ON CONFLICT(tuning_job, idx) DO UPDATE SET record = excluded.record""",
                key(job.name()), trial.index(), trial.trainingJobName(), TrialCodec.write(trial).toString());
    }

    @Override
    public synchronized void trainerStarted(String trainingJobName, long pid) {
        execute("UPDATE trials SET pid = ? WHERE training_job_name = ?", pid, trainingJobName);
    }

    /** Every recorded tuning job, with its trials, and the trainer processes recorded for them. */
    public synchronized List<Restored> load() {
        List<Restored> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet jobs = s.executeQuery("SELECT * FROM tuning_jobs ORDER BY creation_time")) {
            while (jobs.next()) {
                String key = jobs.getString("key");
                List<Trial> trials = new ArrayList<>();
                Map<String, Long> pids = new LinkedHashMap<>();
                try (PreparedStatement t = connection.prepareStatement("SELECT record, pid FROM trials WHERE tuning_job = ? ORDER BY idx")) {
                    t.setString(1, key);
                    try (ResultSet rows = t.executeQuery()) {
                        while (rows.next()) {
                            Trial trial = TrialCodec.read(JSON.readTree(rows.getString("record")));
                            trials.add(trial);
                            long pid = rows.getLong("pid");
                            if (!rows.wasNull()) {
                                pids.put(trial.trainingJobName(), pid);
                            }
                        }
                    }
                }
                Long end = (Long) jobs.getObject("end_time");
                TuningJob job = TuningJob.restore(jobs.getString("name"), jobs.getString("arn"), request(jobs.getString("request")),
                        Instant.ofEpochMilli(jobs.getLong("creation_time")), jobs.getString("status"), jobs.getString("failure_reason"),
                        end == null ? null : Instant.ofEpochMilli(end), Instant.ofEpochMilli(jobs.getLong("last_modified_time")),
                        jobs.getInt("stop_requested") == 1, trials, this);
                out.add(new Restored(job, pids));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot read the engine database: " + e.getMessage(), e);
        }
        return out;
    }

    /** A tuning job read back, and the trainer processes its running trials had. */
    public record Restored(TuningJob job, Map<String, Long> trainerPids) {
    }

    private static CreateHyperParameterTuningJobRequest request(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        Problems problems = new Problems();
        return new DocumentBinder(ServiceModel.sageMaker(), SourceDocument.of("stored request", DocumentFormat.JSON, node), problems)
                .bind(node, JsonPath.root(), "CreateHyperParameterTuningJobRequest", CreateHyperParameterTuningJobRequest::builder, Set.of());
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private void execute(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int k = 0; k < values.length; k++) {
                statement.setObject(k + 1, values[k]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the engine database: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the engine database", e);
        }
    }

    /** Trials as JSON: every field, instants as epoch milliseconds. */
    static final class TrialCodec {
        static ObjectNode write(Trial t) {
            ObjectNode n = JSON.createObjectNode();
            n.put("index", t.index()).put("trainingJobName", t.trainingJobName()).put("definitionName", t.definitionName())
                    .put("status", t.status()).put("secondaryStatus", t.secondaryStatus()).put("objectiveStatus", t.objectiveStatus())
                    .put("failureReason", t.failureReason()).put("modelArtifact", t.modelArtifact());
            if (t.objective() != null) {
                n.put("objective", t.objective());
            }
            n.set("tuned", JSON.valueToTree(t.tunedHyperParameters()));
            n.set("hyperParameters", JSON.valueToTree(t.hyperParameters()));
            n.set("finalMetrics", JSON.valueToTree(t.finalMetrics()));
            n.set("objectiveCurve", JSON.valueToTree(t.objectiveCurve()));
            putTime(n, "creationTime", t.creationTime());
            putTime(n, "startTime", t.startTime());
            putTime(n, "endTime", t.endTime());
            return n;
        }

        static Trial read(JsonNode n) {
            return new Trial(n.get("index").intValue(), n.get("trainingJobName").textValue(), strings(n.get("tuned")),
                    strings(n.get("hyperParameters")), text(n, "definitionName"), n.get("status").textValue(),
                    n.get("secondaryStatus").textValue(), n.get("objectiveStatus").textValue(),
                    n.hasNonNull("objective") ? n.get("objective").doubleValue() : null, doubles(n.get("finalMetrics")),
                    text(n, "failureReason"), time(n, "creationTime"), time(n, "startTime"), time(n, "endTime"),
                    text(n, "modelArtifact"), curve(n.get("objectiveCurve")));
        }

        private static void putTime(ObjectNode n, String field, Instant time) {
            if (time != null) {
                n.put(field, time.toEpochMilli());
            }
        }

        private static Instant time(JsonNode n, String field) {
            return n.hasNonNull(field) ? Instant.ofEpochMilli(n.get(field).longValue()) : null;
        }

        private static String text(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).textValue() : null;
        }

        private static Map<String, String> strings(JsonNode n) {
            Map<String, String> out = new LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().textValue()));
            return out;
        }

        /** Records written before curves were kept have none. */
        private static List<Double> curve(JsonNode n) {
            List<Double> out = new ArrayList<>();
            if (n != null) {
                n.forEach(v -> out.add(v.doubleValue()));
            }
            return out;
        }

        private static Map<String, Double> doubles(JsonNode n) {
            Map<String, Double> out = new LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().doubleValue()));
            return out;
        }
    }
}
