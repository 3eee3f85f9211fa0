package io.tuneflow.core.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch cannot run here, so its GetMetricData answers are replayed in the shape the API reference documents
 * (AWS Query protocol, XML), to the real SDK client: what is asked for, how pages and batches are put together, and
 * what a refusal does to the report.
 */
class CloudWatchMetricCurvesTest {

    private static final Instant START = Instant.parse("2026-04-01T09:00:30Z");

    private WireMockServer cloudWatchEndpoint;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        cloudWatchEndpoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cloudWatchEndpoint.start();
        cloudWatch = CloudWatchClient.builder().endpointOverride(URI.create(cloudWatchEndpoint.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        cloudWatchEndpoint.stop();
    }

    private static String response(String nextToken, String... results) {
        return "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">\n  <GetMetricDataResult>\n"
                + "    <MetricDataResults>\n" + String.join("", results) + "    </MetricDataResults>\n"
                + (nextToken == null ? "" : "    <NextToken>" + nextToken + "</NextToken>\n")
                + "    <Messages/>\n  </GetMetricDataResult>\n"
                + "  <ResponseMetadata><RequestId>2f1c3b0a-5d0e-4b59-9a7b-0c5f1d2e3a4b</RequestId></ResponseMetadata>\n"
                + "</GetMetricDataResponse>\n";
    }

    private static String result(String id, String status, String... minuteValues) {
        StringBuilder timestamps = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String minuteValue : minuteValues) {
            String[] parts = minuteValue.split("=");
            timestamps.append("          <member>").append(START.plusSeconds(60L * Integer.parseInt(parts[0]) - 30)).append("</member>\n");
            values.append("          <member>").append(parts[1]).append("</member>\n");
        }
        return "      <member>\n        <Id>" + id + "</Id>\n        <Label>validation:loss</Label>\n"
                + "        <Timestamps>\n" + timestamps + "        </Timestamps>\n        <Values>\n" + values + "        </Values>\n"
                + "        <StatusCode>" + status + "</StatusCode>\n      </member>\n";
    }

    private static void stub(WireMockServer server, com.github.tomakehurst.wiremock.client.MappingBuilder when, String body) {
        server.stubFor(when.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    @Test
    void eachTrainingJobsSeriesIsItsQuerysValuesAcrossPagesInTimeOrder() {
        stub(cloudWatchEndpoint, post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData")).withRequestBody(notContaining("NextToken")),
                response("page-2", result("m0", "PartialData", "1=0.92", "2=0.61"), result("m1", "PartialData", "1=1.4")));
        stub(cloudWatchEndpoint, post(urlEqualTo("/")).withRequestBody(containing("NextToken=page-2")),
                response(null, result("m0", "Complete", "3=0.43"), result("m1", "Complete", "2=1.1", "3=0.97")));
        List<TrainingJobTimes> jobs = List.of(
                new TrainingJobTimes("tune-001-aaaa", START, START.plusSeconds(170)),
                new TrainingJobTimes("tune-002-bbbb", START.plusSeconds(10), START.plusSeconds(200)),
                new TrainingJobTimes("tune-003-cccc", null, null)); // never started: not asked for

        TrainingCurves curves = CloudWatchMetricCurves.create(cloudWatch).curves("validation:loss", jobs);

        assertThat(curves.available()).isTrue();
        assertThat(curves.byTrainingJob()).containsOnlyKeys("tune-001-aaaa", "tune-002-bbbb");
        assertThat(curves.byTrainingJob().get("tune-001-aaaa")).containsExactly(0.92, 0.61, 0.43);
        assertThat(curves.byTrainingJob().get("tune-002-bbbb")).containsExactly(1.4, 1.1, 0.97);
        assertThat(curves.step()).startsWith("minute");

        List<LoggedRequest> requests = cloudWatchEndpoint.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2);
        String form = URLDecoder.decode(requests.get(0).getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(form).contains("Action=GetMetricData", "MetricDataQueries.member.1.Id=m0",
                "MetricDataQueries.member.1.MetricStat.Metric.Namespace=/aws/sagemaker/TrainingJobs",
                "MetricDataQueries.member.1.MetricStat.Metric.MetricName=validation:loss",
                "MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=TrainingJobName",
                "MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=tune-001-aaaa",
                "MetricDataQueries.member.2.MetricStat.Metric.Dimensions.member.1.Value=tune-002-bbbb",
                "MetricDataQueries.member.1.MetricStat.Period=60", "MetricDataQueries.member.1.MetricStat.Stat=Average",
                "ScanBy=TimestampAscending", "StartTime=2026-04-01T08:58:00Z", "EndTime=2026-04-01T09:05:50Z")
                .doesNotContain("tune-003-cccc", "MetricDataQueries.member.3.");
    }

    @Test
    void moreThanFiveHundredJobsAreAskedForInBatchesOfFiveHundred() {
        stub(cloudWatchEndpoint, post(urlEqualTo("/")).withRequestBody(containing("MetricDataQueries.member.500.Id=m499")),
                response(null, result("m499", "Complete", "1=0.5")));
        stub(cloudWatchEndpoint, post(urlEqualTo("/")).withRequestBody(notContaining("MetricDataQueries.member.2.")),
                response(null, result("m0", "Complete", "1=0.7", "2=0.6")));
        List<TrainingJobTimes> jobs = new ArrayList<>();
        for (int k = 0; k < 501; k++) {
            jobs.add(new TrainingJobTimes(String.format("tune-%03d", k), START, START.plusSeconds(100)));
        }
        TrainingCurves curves = CloudWatchMetricCurves.create(cloudWatch, Clock.fixed(START, ZoneOffset.UTC)).curves("validation:loss", jobs);
        assertThat(cloudWatchEndpoint.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
        assertThat(curves.byTrainingJob()).containsOnlyKeys("tune-499", "tune-500");
        assertThat(curves.byTrainingJob().get("tune-500")).containsExactly(0.7, 0.6);
    }

    @Test
    void aRefusalMakesTheCurvesUnavailableWithCloudWatchsReasonInsteadOfFailingTheReport() {
        cloudWatchEndpoint.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                  <Error><Type>Sender</Type><Code>AccessDenied</Code>
                    <Message>User: arn:aws:sts::111122223333:assumed-role/publish/fn is not authorized to perform: cloudwatch:GetMetricData</Message>
                  </Error>
                  <RequestId>7d3e0c1a-8b2f-4c6d-9e1f-2a3b4c5d6e7f</RequestId>
                </ErrorResponse>
                """)));
        TrainingCurves curves = CloudWatchMetricCurves.create(cloudWatch)
                .curves("validation:loss", List.of(new TrainingJobTimes("tune-001", START, START.plusSeconds(60))));
        assertThat(curves.available()).isFalse();
        assertThat(curves.unavailableReason()).startsWith("CloudWatch GetMetricData failed: ").contains("not authorized to perform: cloudwatch:GetMetricData");
    }
}
