package io.tocsin.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An {@code @ApplicationModuleListener} (after commit, its own transaction, a stored event publication that is
 * retried after a crash) for work that keeps a derived view current: report rows, status page components. Such
 * listeners run on {@link #EXECUTOR}, which has one thread per two cores, not on a virtual thread each: what an
 * incident's first commit sets off (its report row, its components, a report row per page queued) then takes at
 * most half the machine, and the page being delivered in the same milliseconds has the rest. On a 2-core server
 * these listeners running side by side delayed the first page (EscalationBenchmark prints the CPU per thread).
 */
@Async(BackgroundListener.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BackgroundListener {

    /** The bean name of the executor these listeners run on. */
    String EXECUTOR = "tocsin-background-listeners";

    /** As {@code @EventListener(condition = ...)}: evaluated before a publication is stored. */
    @AliasFor(annotation = org.springframework.context.event.EventListener.class, attribute = "condition")
    String condition() default "";
}
