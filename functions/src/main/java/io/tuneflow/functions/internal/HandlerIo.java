package io.tuneflow.functions.internal;

import com.amazonaws.services.lambda.runtime.Context;
import io.tuneflow.functions.InvalidInputException;
import io.tuneflow.functions.InvalidTuningRequestException;
import io.tuneflow.functions.TransientAwsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every handler does around its step: structured logging for the invocation (Powertools, functional API), and
 * failures turned into errors the state machine can tell apart — user errors without a stack trace, transient AWS
 * failures as {@link TransientAwsException}, anything else as it is (and logged with its trace). JSON in and out is
 * the handler's: {@link JsonIo} with Jackson's object mapper, or {@link StreamingJson} where a cold start should not
 * pay for it.
 */
public final class HandlerIo {

    /** Every log line about a tuning job carries its name under this key. */
    public static final String TUNING_JOB_KEY = "tuning_job_name";

    private HandlerIo() {
    }

    public static void run(String function, Context context, Runnable step) {
        Logger log = LoggerFactory.getLogger("io.tuneflow.functions." + function);
        PowertoolsLogging.withLogging(context, () -> {
            try {
                step.run();
                return null;
            } catch (InvalidTuningRequestException | InvalidInputException | TransientAwsException e) {
                log.warn(e.getMessage());
                throw e;
            } catch (SdkException e) {
                RuntimeException classified = AwsFailures.classify(e);
                log.error("{} failed: {}", function, e.getMessage(), e);
                throw classified;
            } catch (RuntimeException e) {
                log.error("{} failed: {}", function, e.getMessage(), e);
                throw e;
            }
        });
    }

    /** Names the tuning job on every following log line of this invocation. */
    public static void logAbout(String tuningJobName) {
        if (tuningJobName != null) {
            MDC.put(TUNING_JOB_KEY, tuningJobName);
        }
    }
}
