package io.tuneflow.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestDocumentsTest {

    @Test
    void theReportGoesBesideTheRequestInAnErrorsFolder() {
        assertThat(RequestDocuments.reportKey("requests/team/nightly.yaml")).isEqualTo("requests/team/errors/nightly.json");
        assertThat(RequestDocuments.reportKey("requests/a.json")).isEqualTo("requests/errors/a.json");
        assertThat(RequestDocuments.reportKey("a.v2.yml")).isEqualTo("errors/a.v2.json");
    }
}
