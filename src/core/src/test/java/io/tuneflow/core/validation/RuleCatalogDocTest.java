package io.tuneflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.validation.rules.TuningRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/validation-rules.md lists every tuning rule with its source. This test keeps it true: it renders the table from
 * {@link TuningRule} and compares. Run with {@code -Dtuneflow.updateDocs=true} to rewrite the table.
 */
class RuleCatalogDocTest {

    private static final Path DOC = Path.of("../../docs/validation-rules.md");
    private static final String BEGIN = "<!-- tuning-rules:begin (generated from TuningRule; see RuleCatalogDocTest) -->";
    private static final String END = "<!-- tuning-rules:end -->";

    @Test
    void docListsEveryRule() throws IOException {
        String table = Arrays.stream(TuningRule.values())
                .map(r -> "| `" + r.id() + "` | " + r.summary().replace("|", "\\|") + " | [source](" + r.source() + ") |")
                .collect(Collectors.joining("\n", "| rule | what it checks | documented in |\n|---|---|---|\n", "\n"));
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s has the begin marker", DOC).isNotNegative();
        assertThat(end).as("%s has the end marker", DOC).isGreaterThan(begin);
        String current = doc.substring(begin + BEGIN.length() + 1, end);
        if (Boolean.getBoolean("tuneflow.updateDocs")) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length() + 1) + table + doc.substring(end));
            return;
        }
        assertThat(current).as("docs/validation-rules.md is out of date: run mvn -pl src/core test -Dtest=RuleCatalogDocTest -Dtuneflow.updateDocs=true")
                .isEqualTo(table);
    }
}
