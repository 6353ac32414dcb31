package io.tocsin.shared.web;

import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;

import io.tocsin.shared.StorableTime;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How input reaches the application, the same for every endpoint: the text rule for parameters of REST calls,
 * the time range for java.time values from JSON and from parameters ({@link StorableTime}), and problem+json for
 * requests Tomcat refuses before any controller.
 */
@Configuration(proxyBeanMethods = false)
class ApiInputConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Every endpoint but the ingest and provider callbacks, which keep what they can (they replace characters
        // rather than refuse, since a sender would retry a refusal forever or lose the alert): REST calls and the
        // UI's form posts alike.
        registry.addInterceptor(new RequestTextGuard()).addPathPatterns("/**")
                .excludePathPatterns("/v2/**", "/integrations/**", "/heartbeats/**", "/hooks/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Instants are the only java.time parameters the API takes (from, to, at, declaredFrom, ...).
        registry.addFormatterForFieldType(Instant.class, new RangeCheckedFormatter<>(new InstantFormatter()));
    }

    /** Instants, offsets and dates in JSON bodies outside years 1 to 9999 fail with the field's path. */
    @Bean
    SimpleModule storableTimeModule() {
        var module = new SimpleModule("storable-time");
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                    BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
                String name = description.getBeanClass().getName();
                return name.startsWith("java.time.") ? new RangeChecked(deserializer) : deserializer;
            }
        });
        return module;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    private static final class RangeChecked extends DelegatingDeserializer {

        RangeChecked(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new RangeChecked(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            if (!StorableTime.storable(value)) {
                throw InvalidFormatException.from(p, StorableTime.PROBLEM, p.getString(), handledType());
            }
            return value;
        }
    }

    private record RangeCheckedFormatter<T>(Formatter<T> delegate) implements Formatter<T> {

        @Override
        public T parse(String text, Locale locale) throws ParseException {
            T value = delegate.parse(text, locale);
            if (!StorableTime.storable(value)) {
                throw new IllegalArgumentException(StorableTime.PROBLEM);
            }
            return value;
        }

        @Override
        public String print(T value, Locale locale) {
            return delegate.print(value, locale);
        }
    }
}
