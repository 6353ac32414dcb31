package io.tocsin;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Stops the server cleanly on SIGINT (Ctrl-C) and SIGTERM: the application closes (requests finish, timers and
 * workers stop, the embedded database is closed), then the JVM exits with status 0. Any other way the JVM ends
 * (System.exit, the last thread ending) still closes the application through a shutdown hook.
 */
final class CleanStop {

    private static final Logger log = LoggerFactory.getLogger(CleanStop.class);

    private CleanStop() {
    }

    static void onSignals(ConfigurableApplicationContext context) {
        var stopping = new AtomicBoolean();
        Runnable close = () -> {
            if (stopping.compareAndSet(false, true)) {
                context.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "tocsin-shutdown"));
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("Stopping (SIG{})", signal.getName());
                    close.run();
                    log.info("Stopped");
                    System.exit(0);
                });
            } catch (IllegalArgumentException unsupported) {
                // Not every platform has every signal; the shutdown hook still closes the application.
                log.debug("Signal {} cannot be handled here", name);
            }
        }
    }
}
