package io.tuneflow.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tuneflow.engine.FaultInjection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;

/**
 * The SageMaker endpoint: HTTP POSTs with {@code X-Amz-Target: SageMaker.<Operation>} and an awsJson1_1 body, as the
 * AWS SDKs, boto3 and the AWS CLI send them with an endpoint override. Requests are not authenticated (the server
 * listens on loopback unless told otherwise); errors carry {@code __type} and {@code x-amzn-ErrorType} as
 * SageMaker's do.
 */
public final class ApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "SageMaker.";

    private final HttpServer server;
    private final SageMakerApi api;
    private final FaultInjection faults;

    private ApiServer(HttpServer server, SageMakerApi api, FaultInjection faults) {
        this.server = server;
        this.api = api;
        this.faults = faults;
    }

    public static ApiServer start(SageMakerApi api, String host, int port) {
        return start(api, host, port, FaultInjection.none());
    }

    public static ApiServer start(SageMakerApi api, String host, int port, FaultInjection faults) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
            ApiServer apiServer = new ApiServer(server, api, faults);
            server.createContext("/", apiServer::exchange);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "sagemaker-api");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return apiServer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode response;
            int status = 200;
            String errorType = null;
            try {
                if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                    throw new SageMakerError("UnknownOperationException", 400,
                            "Expected a POST with X-Amz-Target: SageMaker.<Operation> (the awsJson1_1 protocol).");
                }
                JsonNode body = readBody(exchange.getRequestBody());
                injectFaults();
                response = api.handle(target.substring(TARGET_PREFIX.length()), body);
            } catch (SageMakerError e) {
                status = e.httpStatus();
                errorType = e.type();
                response = error(e.type(), e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                errorType = "InternalFailure";
                response = error(errorType, "The local engine failed: " + e);
            }
            byte[] bytes = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            if (errorType != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void injectFaults() {
        if (faults.latencyMillis() > 0) {
            try {
                Thread.sleep(faults.latencyMillis()); // the simulated network latency itself, not a wait for something
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.throttle()) {
            throw new SageMakerError("ThrottlingException", 400, "Rate exceeded");
        }
    }

    private static JsonNode readBody(InputStream in) {
        try {
            byte[] bytes = in.readAllBytes();
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new SageMakerError("SerializationException", 400, "The request body must be a JSON object.");
            }
            return body;
        } catch (IOException e) {
            throw new SageMakerError("SerializationException", 400, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
