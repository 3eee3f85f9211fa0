package io.tuneflow.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API on loopback — {@code POST /2015-03-31/functions/{name}/invocations} — dispatching to handler
 * objects in this JVM, and answering as Lambda does: the handler's output as the payload, or, when the handler
 * throws, status 200 with {@code X-Amz-Function-Error: Unhandled} and the Java runtime's error document
 * ({@code errorMessage}, {@code errorType} = the exception's class name, {@code stackTrace}). Step Functions names the
 * error after {@code errorType}, which is what the state machine's Retry and Catch match.
 *
 * <p>{@link #throttleFirstInvocations(int)} answers the first invocations of each function with Lambda's 429
 * TooManyRequestsException, as a function at its concurrency limit does.
 */
final class LoopbackLambda implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, RequestStreamHandler> functions;
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private volatile int throttleFirst;

    LoopbackLambda(Map<String, RequestStreamHandler> functions) {
        this.functions = Map.copyOf(functions);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback", e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void throttleFirstInvocations(int count) {
        throttleFirst = count;
    }

    /** Invocations that reached the handler, by function name. */
    int invocations(String function) {
        return invocations.getOrDefault(function, new AtomicInteger()).get();
    }

    int throttled(String function) {
        return throttled.getOrDefault(function, new AtomicInteger()).get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] payload;
            try (InputStream body = exchange.getRequestBody()) {
                payload = body.readAllBytes();
            }
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !invoke.matches()) {
                error(exchange, 404, "ResourceNotFoundException", "No such Lambda operation: " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI());
                return;
            }
            String name = functionName(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            RequestStreamHandler handler = functions.get(name);
            if (handler == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            if (throttled.computeIfAbsent(name, n -> new AtomicInteger()).getAndUpdate(n -> n < throttleFirst ? n + 1 : n) < throttleFirst) {
                error(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
                return;
            }
            invocations.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            byte[] response;
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            try {
                handler.handleRequest(new ByteArrayInputStream(payload), output, new LoopbackContext(name));
                response = output.toByteArray();
            } catch (Exception | Error e) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                response = JSON.writeValueAsBytes(errorDocument(e));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response);
                }
            }
        }
    }

    /** The function name from a name or an ARN, without a qualifier: {@code arn:aws:lambda:r:a:function:Name:alias} → Name. */
    static String functionName(String nameOrArn) {
        int function = nameOrArn.indexOf(":function:");
        String name = function < 0 ? nameOrArn : nameOrArn.substring(function + ":function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    private static ObjectNode errorDocument(Throwable e) {
        ObjectNode error = JSON.createObjectNode()
                .put("errorMessage", e.getMessage() == null ? e.getClass().getName() : e.getMessage())
                .put("errorType", e.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement element : e.getStackTrace()) {
            trace.add(element.toString());
        }
        return error;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("Type", "User").put("message", message));
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
