package io.tocsin.shared.internal;

import io.tocsin.shared.BackgroundListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The executor of {@link BackgroundListener}s: one platform thread per two cores, an unbounded queue. */
@Configuration(proxyBeanMethods = false)
class BackgroundListenerExecutor {

    @Bean(BackgroundListener.EXECUTOR)
    ThreadPoolTaskExecutor backgroundListenerExecutor() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("background-listener-");
        // What is queued is also stored as an incomplete event publication, resubmitted at the next start; a
        // graceful stop still finishes what it can in the time Spring gives a lifecycle phase.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
