package dev.nebula.runtime;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets {@code -Dnebula.timeout} for each test of a class and restores it after, so a runaway call ends quickly:
 * {@code @RegisterExtension static final TimeLimit LIMIT = new TimeLimit("300ms");}.
 */
public final class TimeLimit implements BeforeEachCallback, AfterEachCallback {
    private final String limit;
    private String before;

    public TimeLimit(String limit) {
        this.limit = limit;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = System.getProperty(InvocationTimeout.PROPERTY);
        System.setProperty(InvocationTimeout.PROPERTY, limit);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (before == null) {
            System.clearProperty(InvocationTimeout.PROPERTY);
        } else {
            System.setProperty(InvocationTimeout.PROPERTY, before);
        }
    }
}
