package io.tuneflow.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What set a Start off, reduced to what Start needs: where the request is, and what names the job. */
public sealed interface Trigger {

    /** Not a request at all; nothing is started. */
    record Ignored(String reason) implements Trigger {
    }

    /**
     * A request to start.
     *
     * @param bucket        the request's bucket; null for an inline request
     * @param keys          candidate keys, the first that exists is the request (a pipeline's request may be .json,
     *                      .yaml or .yml); empty for an inline request
     * @param inline        the request document itself, or null
     * @param pipeline      the pipeline the trigger names (a schedule, a data set's path), or null
     * @param identity      what, besides the request's content, names the job — a data set object, a scheduled time
     *                      (see {@code TuningJobNames}); null when the content alone does
     * @param warmStartType null for no warm start; else the WarmStartType to use with the pipeline's latest job
     * @param description   what happened, for logs and messages
     */
    record Request(String bucket, List<String> keys, JsonNode inline, String pipeline, String identity,
                   String warmStartType, String description) implements Trigger {

        public Request {
            keys = List.copyOf(keys);
        }

        public boolean isInline() {
            return inline != null;
        }
    }
}
