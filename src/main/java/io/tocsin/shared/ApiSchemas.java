package io.tocsin.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * A few words for describing, in the OpenAPI document, endpoints that are not Spring MVC controllers of our own
 * API: the compatibility endpoints that speak a vendor's format (PagerDuty, Opsgenie, Alertmanager, Twilio).
 * Their shapes are the vendor's, so they are written down here rather than derived from Java types.
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    /** An object with the given properties (name, schema pairs, in order); {@code required} names the required ones. */
    public static Schema<Object> object(String description, List<String> required, Object... nameSchemaPairs) {
        var schema = new ObjectSchema().description(description);
        var props = new LinkedHashMap<String, Schema>();
        for (int i = 0; i < nameSchemaPairs.length; i += 2) {
            props.put((String) nameSchemaPairs[i], (Schema<?>) nameSchemaPairs[i + 1]);
        }
        schema.setProperties(props);
        if (!required.isEmpty()) {
            schema.setRequired(required);
        }
        return schema;
    }

    /** An object whose keys are free (e.g. labels, details): any JSON values. */
    public static Schema<Object> map(String description) {
        var schema = new ObjectSchema().description(description);
        schema.setAdditionalProperties(true);
        return schema;
    }

    public static Schema<String> string(String description) {
        return new StringSchema().description(description);
    }

    public static Schema<String> string(String description, int maxLength) {
        return new StringSchema().description(description).maxLength(maxLength);
    }

    public static Schema<String> oneOf(String description, String... values) {
        var schema = new StringSchema().description(description);
        schema.setEnum(Arrays.asList(values));
        return schema;
    }

    public static Schema<?> integer(String description) {
        return new io.swagger.v3.oas.models.media.IntegerSchema().description(description);
    }

    public static Schema<?> number(String description) {
        return new io.swagger.v3.oas.models.media.NumberSchema().description(description);
    }

    public static Schema<?> arrayOf(String description, Schema<?> items) {
        return new ArraySchema().items(items).description(description);
    }

    /** A JSON request body. */
    public static RequestBody json(Schema<?> schema) {
        return new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(schema)));
    }

    /** A request body of another media type (e.g. form-encoded callbacks). */
    public static RequestBody body(String mediaType, Schema<?> schema) {
        return new RequestBody().required(true).content(new Content().addMediaType(mediaType,
                new MediaType().schema(schema)));
    }

    /** Answers by status code, in the order given: status, {@link Answer}, status, answer, ... */
    public static ApiResponses responses(Object... statusAnswerPairs) {
        var byStatus = new LinkedHashMap<String, Answer>();
        for (int i = 0; i < statusAnswerPairs.length; i += 2) {
            byStatus.put(String.valueOf(statusAnswerPairs[i]), (Answer) statusAnswerPairs[i + 1]);
        }
        var responses = new ApiResponses();
        byStatus.forEach((status, answer) -> {
            var response = new ApiResponse().description(answer.description());
            if (answer.schema() != null) {
                response.content(new Content().addMediaType(answer.mediaType(), new MediaType().schema(answer.schema())));
            }
            responses.addApiResponse(status, response);
        });
        return responses;
    }

    /** One documented answer. */
    public record Answer(String description, String mediaType, Schema<?> schema) {
        public static Answer of(String description, Schema<?> jsonSchema) {
            return new Answer(description, "application/json", jsonSchema);
        }

        public static Answer of(String description) {
            return new Answer(description, "application/json", null);
        }
    }

    public static Parameter query(String name, String description, boolean required) {
        return new Parameter().in("query").name(name).description(description).required(required)
                .schema(new StringSchema());
    }

    public static Parameter path(String name, String description) {
        return new Parameter().in("path").name(name).description(description).required(true).schema(new StringSchema());
    }

    public static Parameter header(String name, String description, boolean required) {
        return new Parameter().in("header").name(name).description(description).required(required)
                .schema(new StringSchema());
    }

    /** An operation under one tag. */
    public static Operation operation(String tag, String id, String summary, String description) {
        return new Operation().addTagsItem(tag).operationId(id).summary(summary).description(description);
    }
}
