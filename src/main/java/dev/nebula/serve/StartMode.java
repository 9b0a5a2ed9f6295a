package dev.nebula.serve;

import dev.nebula.UnknownIdException;
import java.util.Arrays;

/** How a request gets its instance. */
public enum StartMode {
    /** A fresh instance for this request alone: {@code Deployment.coldInvoke}, with its phases. */
    COLD("cold"),
    /** An already started instance from the runtime's pool (started now if the pool has none idle). */
    WARM("warm");

    private final String id;

    StartMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static StartMode byId(String id) {
        for (StartMode mode : values()) {
            if (mode.id.equals(id.strip())) {
                return mode;
            }
        }
        throw new UnknownIdException("start", id, Arrays.stream(values()).map(StartMode::id).toList());
    }
}
