package io.tocsin.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.StorableText;
import io.tocsin.shared.UnstorableTextException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body a REST endpoint reads passes here first: a body over {@link #LIMIT} is refused with 413 while
 * it is read (never buffered whole), and a body with text that cannot be stored anywhere in it (a NUL character
 * or lone surrogate in any string or property name, {@link StorableText}) is refused with 400 naming each field
 * path, before any controller or validation sees it. One rule for every write, so no endpoint can forget it.
 * Bodies that are not JSON at all go on unchanged, for the converter to refuse in its own words.
 */
@RestControllerAdvice(annotations = RestController.class)
class JsonBodyGuard extends RequestBodyAdviceAdapter {

    static final int LIMIT = 1024 * 1024;
    private static final int MAX_REPORTED = 20;

    private final JsonMapper json;

    JsonBodyGuard(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        if (input.getHeaders().getContentLength() > LIMIT) {
            throw new BodyTooLargeException(LIMIT);
        }
        byte[] body = input.getBody().readNBytes(LIMIT + 1);
        if (body.length > LIMIT) {
            throw new BodyTooLargeException(LIMIT);
        }
        JsonNode tree = null;
        try {
            tree = json.readTree(body);
        } catch (JacksonException notJson) {
            // the converter reads it again and answers 400 with the position
        }
        if (tree != null) {
            var violations = new ArrayList<FieldViolation>();
            check(tree, "", violations);
            if (!violations.isEmpty()) {
                throw new UnstorableTextException(violations);
            }
        }
        return new Replayed(input.getHeaders(), body);
    }

    private static void check(JsonNode node, String path, List<FieldViolation> violations) {
        if (violations.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isString()) {
            String problem = StorableText.problem(node.asString());
            if (problem != null) {
                violations.add(new FieldViolation(path, problem));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", violations);
            }
        } else if (node.isObject()) {
            for (var property : node.properties()) {
                String name = property.getKey();
                String field = (path.isEmpty() ? "" : path + ".") + StorableText.printable(name);
                String problem = StorableText.problem(name);
                if (problem != null) {
                    violations.add(new FieldViolation(field, "property name " + problem));
                } else {
                    check(property.getValue(), field, violations);
                }
            }
        }
    }

    private record Replayed(HttpHeaders headers, byte[] body) implements HttpInputMessage {

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }
    }
}
