package io.tocsin.statuspage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test wiring for a started application: counts the JDBC statements (and connections) used while serving HTTP
 * requests whose path starts with a prefix, and can make the database unreachable (every new connection fails,
 * as when the server is gone). Only for one application at a time: the switches are static. Deliberately not a
 * {@code @Configuration}, so the component scan of the shared test context does not pick it up; it is passed to
 * {@link io.tocsin.support.RunningApp#start(io.tocsin.support.TestDatabase, Class[], String...)} as a source.
 */
public class StatementCounting {

    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final AtomicLong STATEMENTS = new AtomicLong();
    static final AtomicLong CONNECTIONS = new AtomicLong();
    static final ThreadLocal<Boolean> COUNTED = ThreadLocal.withInitial(() -> false);
    static volatile String prefix = "/status/";

    static void reset(String pathPrefix) {
        prefix = pathPrefix;
        STATEMENTS.set(0);
        CONNECTIONS.set(0);
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof Counting) ? new Counting(ds) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> markCountedRequests() {
        Filter filter = (request, response, chain) -> {
            String path = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
            COUNTED.set(path.startsWith(prefix));
            try {
                chain.doFilter(request, response);
            } finally {
                COUNTED.set(false);
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(DOWN.get() ? null : super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return wrap(DOWN.get() ? null : super.getConnection(user, password));
        }

        private static Connection wrap(Connection real) throws SQLException {
            if (real == null) {
                throw new SQLTransientConnectionException("the database is unreachable (test)");
            }
            if (COUNTED.get()) {
                CONNECTIONS.incrementAndGet();
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (COUNTED.get() && (method.getName().startsWith("prepare") || method.getName().equals("createStatement"))) {
                            STATEMENTS.incrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
