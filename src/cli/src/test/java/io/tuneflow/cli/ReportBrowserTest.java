package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Each scenario's report.html in a real browser: Debian's headless Chromium, driven through its chromedriver. The page
 * must run without a console error, draw one parallel-coordinates line per trial with an objective, and filter the
 * table when an axis is brushed. Screenshots go to target/report-screenshots/.
 *
 * <p>Without Chromium the test fails (apt-get install chromium chromium-driver); {@code -Dtuneflow.skipBrowserTests=true}
 * skips it instead.
 */
class ReportBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots").toAbsolutePath();
    private static final int WIDTH = 1400;

    /** Selenium looks for a DevTools binding matching this Chromium, which the test does not use; kept quiet. */
    private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void startChromium() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("tuneflow.skipBrowserTests"), "-Dtuneflow.skipBrowserTests=true");
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("tuneflow-chromium");
        browser = chromium(profile, true);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static ChromeDriver chromium(Path userDataDir, boolean javascript) {
        Path binary = executable("tuneflow.chromium", "chromium", "chromium-browser", "google-chrome")
                .orElseGet(() -> fail("Chromium is not installed: apt-get install chromium chromium-driver "
                        + "(or skip this test with -Dtuneflow.skipBrowserTests=true)"));
        Path driver = executable("tuneflow.chromedriver", "chromedriver")
                .orElseGet(() -> fail("chromedriver is not installed: apt-get install chromium-driver "
                        + "(or skip this test with -Dtuneflow.skipBrowserTests=true)"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + userDataDir, "--window-size=" + WIDTH + ",1000");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        var logging = new org.openqa.selenium.logging.LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** A system property naming the file, else the first name found on the PATH. */
    private static Optional<Path> executable(String property, String... names) {
        if (System.getProperty(property) != null) {
            Path given = Path.of(System.getProperty(property));
            return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static ReportScenarios.Scenario scenario(String name) {
        return switch (name) {
            case "quickstart" -> ReportScenarios.quickstart();
            case "failed-and-stopped" -> ReportScenarios.failedAndStopped();
            case "categorical-grid" -> ReportScenarios.categoricalGrid();
            case "synthetic-750" -> ReportScenarios.synthetic750();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "failed-and-stopped", "categorical-grid", "synthetic-750"})
    void theReportRunsWithoutErrorsDrawsALinePerTrialAndBrushingFiltersTheTable(String name) throws IOException {
        ReportScenarios.Scenario scenario = scenario(name);
        JsonNode trials = scenario.trials().get("trials");
        openFullHeight(scenario.report());
        assertNoConsoleErrors(name);
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-report-ready"))
                .as("the report's script ran to its end").isEqualTo("true");
        screenshot(name);

        List<String> withObjective = new ArrayList<>();
        int completed = 0;
        for (JsonNode t : trials) {
            if (t.get("objective").isNumber()) {
                withObjective.add(t.get("name").asText());
            }
            completed += t.get("status").asText().equals("Completed") ? 1 : 0;
        }
        List<WebElement> lines = browser.findElements(By.cssSelector("#parallel-coordinates path.trial-line"));
        assertThat(lines).as("one line per trial with an objective").hasSize(withObjective.size());
        assertThat(lines.size()).as("every completed trial has its line").isGreaterThanOrEqualTo(completed);
        assertThat(new TreeSet<>(lines.stream().map(l -> l.getDomAttribute("data-name")).toList())).isEqualTo(new TreeSet<>(withObjective));
        assertThat(visibleRows()).hasSize(trials.size());

        // Brush the middle half of the objective axis: the table keeps exactly the trials whose objective lies there.
        WebElement axis = browser.findElement(By.cssSelector("#parallel-coordinates g.axis[data-key='objective']"));
        brush(axis, 0.25, 0.75);
        double min = Double.parseDouble(axis.getDomAttribute("data-filter-min"));
        double max = Double.parseDouble(axis.getDomAttribute("data-filter-max"));
        TreeSet<String> expected = new TreeSet<>();
        for (JsonNode t : trials) {
            if (t.get("objective").isNumber() && t.get("objective").asDouble() >= min && t.get("objective").asDouble() <= max) {
                expected.add(t.get("name").asText());
            }
        }
        assertThat(expected).as("the brushed range holds some trials but not all").isNotEmpty().hasSizeLessThan(trials.size());
        assertThat(new TreeSet<>(visibleRows())).isEqualTo(expected);
        assertThat(browser.findElements(By.cssSelector("#parallel-coordinates path.trial-line:not(.filtered-out)"))).hasSize(expected.size());
        assertThat(browser.findElement(By.id("shown-count")).getText()).isEqualTo(expected.size() + " of " + trials.size() + " trials shown");
        assertNoConsoleErrors(name + " after brushing");
        screenshot(name + "-brushed");
    }

    @Test
    void aReportOfASingleTrialDrawsItsOneLineWithoutErrors() throws IOException {
        ReportScenarios.Scenario single = ReportScenarios.singleTrial();
        openFullHeight(single.report());
        assertNoConsoleErrors("single trial");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-report-ready")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector("#parallel-coordinates path.trial-line"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#objective-over-time circle.point"))).hasSize(1);
        assertThat(visibleRows()).hasSize(1);
        screenshot("single-trial");
    }

    @Test
    void brushingACategoricalAxisKeepsTheTrialsWithTheValuesInTheBrush() {
        ReportScenarios.Scenario grid = ReportScenarios.categoricalGrid();
        open(grid.report());
        WebElement axis = browser.findElement(By.cssSelector("#parallel-coordinates g.axis[data-key='hp:optimizer']"));
        // optimizer's values sgd, adam, rmsprop sit at 1/6, 1/2 and 5/6 of the axis from the bottom: keep the lower two
        brush(axis, 0.38, 0.95);
        assertThat(axis.getDomAttribute("data-filter-categories")).isEqualTo("[\"sgd\",\"adam\"]");
        TreeSet<String> expected = new TreeSet<>();
        grid.trials().get("trials").forEach(t -> {
            if (!t.get("tunedHyperParameters").get("optimizer").asText().equals("rmsprop")) {
                expected.add(t.get("name").asText());
            }
        });
        assertThat(new TreeSet<>(visibleRows())).hasSize(8).isEqualTo(expected);
        // a click on the axis without dragging clears its brush
        new Actions(browser).moveToElement(axis.findElement(By.cssSelector("rect.brush-overlay"))).click().perform();
        assertThat(visibleRows()).hasSize(12);
        assertNoConsoleErrors("categorical brushing");
    }

    @Test
    void theTableSortsByAColumnAndFiltersByStatus() {
        ReportScenarios.Scenario run = ReportScenarios.failedAndStopped();
        open(run.report());
        JsonNode trials = run.trials().get("trials");

        browser.findElement(By.cssSelector("#trials th[data-key='objective']")).click();
        List<String> ascending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        java.util.stream.StreamSupport.stream(trials.spliterator(), false)
                .sorted(java.util.Comparator.comparingDouble(t -> t.get("objective").isNumber() ? t.get("objective").asDouble() : Double.MAX_VALUE))
                .forEach(t -> (t.get("objective").isNumber() ? ascending : failed).add(t.get("name").asText()));
        List<String> expected = new ArrayList<>(ascending);
        expected.addAll(failed); // no objective: last
        assertThat(visibleRows()).isEqualTo(expected);

        browser.findElement(By.cssSelector("#filters input[name='status'][value='Completed']")).click();
        List<String> notCompleted = new ArrayList<>();
        trials.forEach(t -> {
            if (!t.get("status").asText().equals("Completed")) {
                notCompleted.add(t.get("name").asText());
            }
        });
        assertThat(new TreeSet<>(visibleRows())).isEqualTo(new TreeSet<>(notCompleted));
        assertNoConsoleErrors("sorting and status filter");
    }

    @Test
    void withoutJavaScriptTheSummaryAndTheTableStillRead() throws IOException {
        ReportScenarios.Scenario quickstart = ReportScenarios.quickstart();
        Path noScriptProfile = Files.createTempDirectory("tuneflow-chromium-nojs");
        ChromeDriver plain = chromium(noScriptProfile, false);
        try {
            plain.manage().window().setSize(new Dimension(WIDTH, 1000));
            plain.get(quickstart.report().toUri().toString());
            assertThat(plain.findElement(By.tagName("html")).getDomAttribute("data-report-ready")).isNull();
            assertThat(plain.findElement(By.id("summary")).getText()).contains("Bayesian").contains("validation:loss")
                    .contains(quickstart.best().get("bestTrainingJob").get("name").asText());
            assertThat(plain.findElements(By.cssSelector("#trials tbody tr"))).hasSize(9).allSatisfy(r -> assertThat(r.isDisplayed()).isTrue());
            assertThat(plain.findElement(By.id("parallel-coordinates-section")).isDisplayed()).isFalse();
            assertThat(plain.findElement(By.tagName("noscript")).getText()).contains("read without JavaScript");
            Files.copy(plain.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("quickstart-no-javascript.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            plain.quit();
            try (Stream<Path> files = Files.walk(noScriptProfile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void open(Path report) {
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
        browser.get(report.toUri().toString());
    }

    /** Loads the page in a window as tall as the page, so one screenshot holds all of it (and no resize redraws it later). */
    private static void openFullHeight(Path report) {
        open(report);
        // The window's height includes whatever the browser keeps above the page.
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight + (window.outerHeight - window.innerHeight)");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 24, 8000)));
        browser.navigate().refresh();
    }

    /** Drags along an axis from {@code from} to {@code to}, as fractions of its brushable height from the top. */
    private static void brush(WebElement axis, double from, double to) {
        WebElement overlay = axis.findElement(By.cssSelector("rect.brush-overlay"));
        int height = overlay.getRect().getHeight();
        int start = (int) Math.round((from - 0.5) * height);
        int end = (int) Math.round((to - 0.5) * height);
        new Actions(browser).moveToElement(overlay, 0, start).clickAndHold().moveByOffset(0, (end - start) / 2)
                .moveByOffset(0, end - start - (end - start) / 2).release().perform();
    }

    @SuppressWarnings("unchecked")
    private static List<String> visibleRows() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#trials tbody tr')).filter(r => !r.hidden).map(r => r.dataset.name)");
    }

    private static void assertNoConsoleErrors(String when) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console errors and warnings (%s)", when).isEmpty();
    }

    private static void screenshot(String name) throws IOException {
        Path png = SCREENSHOTS.resolve(name + ".png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
    }
}
