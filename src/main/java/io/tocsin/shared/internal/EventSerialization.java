package io.tocsin.shared.internal;

import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event publication registry's serializer, made cheap. Spring Modulith's own looks the JSON mapper up in the
 * bean factory on every call and serializes an event once per listener; with several durable listeners per alert
 * that was a fifth of the ingest path's CPU. This one resolves the mapper once and serializes each event once, to
 * the same JSON (the application's mapper, as Modulith's would use).
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer eventSerializer(ObjectProvider<JsonMapper> mappers) {
        return new OncePerEventSerializer(SingletonSupplier.of(() -> mappers.getIfAvailable(JsonMapper::new)));
    }

    /** Remembers the last event serialized on this thread: the registry stores it for each listener in turn. */
    static final class OncePerEventSerializer implements EventSerializer {

        private final Supplier<JsonMapper> mapper;
        private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

        OncePerEventSerializer(Supplier<JsonMapper> mapper) {
            this.mapper = mapper;
        }

        @Override
        public Object serialize(Object event) {
            var remembered = last.get();
            if (remembered[0] == event) {
                return remembered[1];
            }
            String serialized = mapper.get().writeValueAsString(event);
            remembered[0] = event;
            remembered[1] = serialized;
            return serialized;
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return mapper.get().readerFor(type).readValue(serialized.toString());
        }
    }
}
