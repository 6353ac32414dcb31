package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document names every request and response type after the class the controller really takes or
 * returns, and no two classes share a schema name (issue 17: two {@code Draft} classes collided, so the document
 * gave escalation policies the business-hours body and a generated client could not create a policy).
 * <p>
 * The expected names are computed the way swagger-core computes them (its {@link TypeNameResolver} over the
 * Jackson type of each handler's parameter and return type), and each reachable class is walked through the
 * properties Jackson sees, so a new colliding class anywhere in the API fails this test.
 */
class OpenApiSchemaNamesTest extends IntegrationTest {

    private static final ObjectMapper INTROSPECTION = new ObjectMapper();
    private static final TypeFactory TYPES = INTROSPECTION.getTypeFactory();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    private JsonNode doc;

    @BeforeEach
    void readDocument() {
        doc = anonymous().get("/v3/api-docs").expect(200).json();
    }

    @Test
    void noTwoClassesShareASchemaName() {
        Map<String, Set<String>> classesByName = new TreeMap<>();
        Set<JavaType> seen = new HashSet<>();
        apiMethods().forEach((operation, method) -> {
            for (var parameter : method.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(TYPES.constructType(parameter.getGenericParameterType()), classesByName, seen);
                }
            }
            collect(TYPES.constructType(method.getMethod().getGenericReturnType()), classesByName, seen);
        });
        var shared = new TreeMap<String, Set<String>>();
        classesByName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                shared.put(name, classes);
            }
        });
        assertThat(classesByName).as("the walk reached the API's types").containsKeys("IncidentView", "PolicyView");
        assertThat(shared).as("schema names shared by different classes").isEmpty();
        // Every name the walk found is in the document, and the document has no name the walk does not explain.
        var documented = new TreeSet<String>();
        doc.get("components").get("schemas").propertyNames().forEach(documented::add);
        assertThat(documented).containsAll(classesByName.keySet());
    }

    @Test
    void eachOperationReferencesTheSchemasOfTheClassesItTakesAndReturns() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var entry : apiMethods().entrySet()) {
            String[] operation = entry.getKey().split(" ", 2);
            var node = doc.get("paths").get(operation[1]).get(operation[0].toLowerCase());
            assertThat(node).as(entry.getKey() + " is documented").isNotNull();
            for (var parameter : entry.getValue().getMethodParameters()) {
                if (!parameter.hasParameterAnnotation(RequestBody.class)) {
                    continue;
                }
                String expected = schemaName(TYPES.constructType(parameter.getGenericParameterType()));
                String actual = ref(node.path("requestBody").path("content"));
                checked++;
                if (!expected.equals(actual)) {
                    wrong.add(entry.getKey() + " takes " + parameter.getParameterType().getName() + " (schema "
                            + expected + ") but the document says " + actual);
                }
            }
        }
        int responses = 0;
        for (var entry : apiMethods().entrySet()) {
            String[] operation = entry.getKey().split(" ", 2);
            var node = doc.get("paths").get(operation[1]).get(operation[0].toLowerCase());
            JavaType returned = unwrapEntity(TYPES.constructType(entry.getValue().getMethod().getGenericReturnType()));
            boolean list = returned.isCollectionLikeType() || returned.isArrayType();
            JavaType element = list ? returned.getContentType() : returned;
            if (element.isPrimitive() || element.isEnumType() || element.getRawClass().getName().startsWith("java.")
                    || element.getRawClass() == Void.class || element.isMapLikeType()) {
                continue;
            }
            var success = node.path("responses").propertyStream().filter(e -> e.getKey().startsWith("2")).findFirst()
                    .map(e -> e.getValue().path("content")).orElse(null);
            if (success == null || success.isMissingNode()) {
                continue;
            }
            var schema = success.propertyStream().findFirst().map(e -> e.getValue().path("schema")).orElseThrow();
            String actual = ref(list ? schema.path("items") : schema);
            responses++;
            if (!schemaName(element).equals(actual)) {
                wrong.add(entry.getKey() + " returns " + element.toCanonical() + " (schema " + schemaName(element)
                        + ") but the document says " + actual);
            }
        }
        assertThat(checked).as("request bodies checked").isGreaterThan(50);
        assertThat(responses).as("response bodies checked").isGreaterThan(80);
        assertThat(wrong).isEmpty();
        // The pair that collided: a client reading the document must build a policy with levels, not business hours.
        var policyBody = schema(ref(doc.get("paths").get("/api/v1/escalation-policies").get("post")
                .get("requestBody").get("content")));
        assertThat(policyBody.get("properties").has("levels")).isTrue();
        var hoursBody = schema(ref(doc.get("paths").get("/api/v1/services/{serviceId}/business-hours").get("put")
                .get("requestBody").get("content")));
        assertThat(hoursBody.get("properties").has("timeZone")).isTrue();
        assertThat(hoursBody.get("properties").has("levels")).isFalse();
    }

    /** Handler methods of the documented API, by "METHOD /path" as the document names them. */
    private Map<String, HandlerMethod> apiMethods() {
        var methods = new TreeMap<String, HandlerMethod>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlers.getHandlerMethods().entrySet()) {
            if (e.getValue().getBeanType().isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                continue;
            }
            for (String path : e.getKey().getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                e.getKey().getMethodsCondition().getMethods()
                        .forEach(m -> methods.put(m.name() + " " + path, e.getValue()));
            }
        }
        assertThat(methods).hasSizeGreaterThan(100);
        return methods;
    }

    private void collect(JavaType type, Map<String, Set<String>> classesByName, Set<JavaType> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type.isContainerType() || type.isReferenceType()) {
            if (type.getContentType() != null) {
                collect(type.getContentType(), classesByName, seen);
            }
            return;
        }
        Class<?> raw = type.getRawClass();
        if (HttpEntity.class.isAssignableFrom(raw) || java.util.Optional.class.equals(raw)) {
            type.getBindings().getTypeParameters().forEach(t -> collect(t, classesByName, seen));
            return;
        }
        if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.") || raw == Void.class
                || raw == Object.class || raw.getName().startsWith("tools.jackson.")
                || raw.getName().startsWith("org.springframework.")) {
            return;
        }
        classesByName.computeIfAbsent(schemaName(type), k -> new TreeSet<>()).add(type.toCanonical());
        var description = INTROSPECTION.getSerializationConfig().introspect(type);
        description.findProperties().forEach(p -> collect(p.getPrimaryType(), classesByName, seen));
        var deserialization = INTROSPECTION.getDeserializationConfig().introspect(type);
        deserialization.findProperties().forEach(p -> collect(p.getPrimaryType(), classesByName, seen));
    }

    private static String schemaName(JavaType type) {
        return TypeNameResolver.std.nameForType(unwrapEntity(type));
    }

    private static JavaType unwrapEntity(JavaType type) {
        return HttpEntity.class.isAssignableFrom(type.getRawClass()) ? type.getBindings().getBoundType(0) : type;
    }

    /** The schema name a request body's content refers to. */
    private static String ref(JsonNode contentOrSchema) {
        var schema = contentOrSchema.has("$ref") ? contentOrSchema : contentOrSchema.propertyStream().findFirst()
                .map(e -> e.getValue().get("schema")).orElse(null);
        if (schema == null || !schema.has("$ref")) {
            return String.valueOf(schema);
        }
        String ref = schema.get("$ref").asString();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private JsonNode schema(String name) {
        return doc.get("components").get("schemas").get(name);
    }
}
