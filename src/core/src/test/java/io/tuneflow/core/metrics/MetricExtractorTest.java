package io.tuneflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

class MetricExtractorTest {

    private static MetricDefinition metric(String name, String regex) {
        return MetricDefinition.builder().name(name).regex(regex).build();
    }

    private static Map<String, MetricSeries> extract(List<MetricDefinition> definitions, String log) throws IOException {
        MetricExtractor extractor = MetricExtractor.create(definitions);
        extractor.readAll(new StringReader(log));
        return extractor.snapshot().stream().collect(Collectors.toMap(MetricSeries::name, s -> s));
    }

    @Test
    void theSageMakerDocsExample() throws IOException {
        String line = "GAN_loss=0.138318; Scaled_reg=2.654134; disc:[-0.017371,0.102429] real 93.3% gen 0.0% "
                + "disc-combined=0.000000; disc_train_loss=1.374587; Loss = 16.020744; Iteration 0 took 0.704s; Elapsed=0s";
        Map<String, MetricSeries> found = extract(List.of(
                metric("ganloss", "GAN_loss=(.*?);"),
                metric("disc-combined", "disc-combined=(.*?);"),
                metric("discloss", "disc_train_loss=(.*?);"),
                metric("loss", "Loss = (.*?);")), line + "\n");
        assertThat(found.get("ganloss").finalValue()).hasValue(0.138318);
        assertThat(found.get("disc-combined").finalValue()).hasValue(0.0);
        assertThat(found.get("discloss").finalValue()).hasValue(1.374587);
        assertThat(found.get("loss").finalValue()).hasValue(16.020744);
    }

    @Test
    void finalValueIsTheLastAndNonNumbersAreSkipped() throws IOException {
        Map<String, MetricSeries> found = extract(List.of(metric("loss", "loss=(.*?);")),
                "loss=0.9;\nloss=n/a;\nnothing here\nloss=0.5;\nloss=nan;\n");
        MetricSeries loss = found.get("loss");
        assertThat(loss.values()).extracting(MetricValue::value).containsExactly(0.9, 0.5);
        assertThat(loss.values()).extracting(MetricValue::line).containsExactly(1L, 4L);
        assertThat(loss.finalValue()).hasValue(0.5);
        assertThat(loss.matches()).isEqualTo(4);
        assertThat(loss.skipped()).isEqualTo(2);
        assertThat(loss.skippedExamples()).containsExactly("n/a", "nan");
    }

    @Test
    void onlyTheFirstMatchOfALineAndItsFirstGroupCount() throws IOException {
        Map<String, MetricSeries> found = extract(List.of(metric("acc", "acc=([0-9.]+)(x)?")), "acc=0.1 acc=0.2\n");
        assertThat(found.get("acc").values()).extracting(MetricValue::value).containsExactly(0.1);
    }

    @Test
    void kerasProgressBarsWithCarriageReturnsAndColours() throws IOException {
        String log = "Epoch 1/2\n"
                + "\r 1/3 [=>....] - ETA: 1s - loss: 0.9000\r 2/3 [===>..] - ETA: 0s - loss: 0.7000"
                + "\r3/3 [======] - 1s 5ms/step - loss: 0.6000 - val_loss: 0.6500\n"
                + "\u001B[1mEpoch 2/2\u001B[0m\n"
                + "3/3 [======] - 0s 4ms/step - loss: \u001B[32m0.4000\u001B[0m - val_loss: 0.4500\n";
        Map<String, MetricSeries> found = extract(List.of(metric("loss", "- loss: ([0-9.]+)"),
                metric("val_loss", "val_loss: ([0-9.]+)")), log);
        assertThat(found.get("loss").values()).extracting(MetricValue::value).containsExactly(0.9, 0.7, 0.6, 0.4);
        assertThat(found.get("val_loss").finalValue()).hasValue(0.45);
    }

    @Test
    void crlfLinesAndChunksSplitAnywhere() {
        MetricExtractor extractor = MetricExtractor.create(List.of(metric("loss", "^loss=([0-9.]+)$")));
        try (LogStream stream = extractor.openStream()) {
            for (String chunk : new String[] {"loss=0", ".5\r", "\nloss=0.", "25\r\n", "loss=0.1"}) {
                stream.write(chunk);
            }
        }
        MetricSeries loss = extractor.snapshot().get(0);
        assertThat(loss.values()).extracting(MetricValue::value).containsExactly(0.5, 0.25, 0.1);
        assertThat(extractor.lineCount()).isEqualTo(3);
    }

    @Test
    void aHugeLineIsMatchedOnItsBeginningInBoundedMemory() {
        MetricExtractor extractor = MetricExtractor.create(List.of(metric("loss", "loss=([0-9.]+)")));
        try (LogStream stream = extractor.openStream()) {
            stream.write("loss=0.3 ");
            String block = "x".repeat(1024 * 1024);
            for (int k = 0; k < 5; k++) {
                stream.write(block);
            }
            stream.write("loss=0.9\nloss=0.2\n");
        }
        assertThat(extractor.snapshot().get(0).values()).extracting(MetricValue::value).containsExactly(0.3, 0.2);
        assertThat(extractor.truncatedLineCount()).isEqualTo(1);
    }

    @Test
    void stdoutAndStderrFromTwoThreads() throws InterruptedException {
        MetricExtractor extractor = MetricExtractor.create(List.of(metric("a", "a=([0-9]+)"), metric("b", "b=([0-9]+)")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        for (String name : new String[] {"a", "b"}) {
            pool.submit(() -> {
                start.await();
                try (LogStream stream = extractor.openStream()) {
                    for (int k = 1; k <= 5000; k++) {
                        stream.write(name + "=" + k + "\n");
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<MetricSeries> series = extractor.snapshot();
        for (MetricSeries s : series) {
            assertThat(s.values()).hasSize(5000);
            assertThat(s.finalValue()).hasValue(5000);
            assertThat(s.values()).extracting(MetricValue::value).isSorted();
        }
        assertThat(extractor.lineCount()).isEqualTo(10_000);
    }

    @Test
    void aRegexThatDoesNotCompileNeverMatchesAndSaysWhy() throws IOException {
        MetricSeries series = extract(List.of(metric("bad", "loss=([0-9")), "loss=1\n").get("bad");
        assertThat(series.matches()).isZero();
        assertThat(series.compileError()).isPresent();
    }

    @Test
    void invalidUtf8InALogFileIsReplacedNotFatal(@TempDir Path dir) throws IOException {
        Path log = Files.write(dir.resolve("train.log"), new byte[] {'l', 'o', 's', 's', '=', '1', ' ', (byte) 0xFF, '\n'});
        List<MetricSeries> series = MetricExtractor.extract(List.of(metric("loss", "loss=([0-9]+)")), log);
        assertThat(series.get(0).finalValue()).hasValue(1);
    }
}
