package io.berth.runtime.init;

import java.util.logging.LogManager;

/**
 * The init stage's java.util.logging manager ({@code -Djava.util.logging.manager}, set by the
 * launcher): no configuration at all. JNA's static initializers ask for loggers, and the JDK's
 * LogManager start-up then reads logging.properties and looks up a logging backend with a
 * ServiceLoader, about 10 ms of CPU in the stage's fresh JVM (docs/init-stage.md). JDK 17's
 * LogManager catches what {@link #readConfiguration()} throws when it reads its first
 * configuration and then skips that backend look-up; loggers still work, with no handlers, so
 * nothing JNA might log lands in the container's stderr.
 */
public final class InitLogManager extends LogManager {
    public InitLogManager() {
        super();
    }

    @Override
    public void readConfiguration() {
        throw new UnsupportedOperationException("the container init stage has no logging configuration");
    }
}
