package io.tuneflow.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one handler of the deployment jar as the Lambda runtime does — its public no-arg constructor (clients from
 * the environment), then one invocation — in a JVM whose class path is that jar and this class. Prints the output.
 *
 * <p>Usage: {@code java -cp tuneflow-functions.jar:<test classes> io.tuneflow.workflow.JarInvoker <handler> <input>}
 */
public final class JarInvoker {

    private JarInvoker() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor().newInstance();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(args[1].getBytes(StandardCharsets.UTF_8)), output,
                    new LoopbackContext(type.getSimpleName()));
        } catch (RuntimeException e) {
            System.out.println("{\"errorType\": \"" + e.getClass().getName() + "\"}");
            System.exit(3);
        }
        System.out.println(output.toString(StandardCharsets.UTF_8));
    }
}
