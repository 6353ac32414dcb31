package io.tocsin.shared.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.shared.ConflictException;
import io.tocsin.shared.DatabaseOutage;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.PreconditionFailedException;
import io.tocsin.shared.StorableTime;
import io.tocsin.shared.UnstorableTextException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every failure of a REST call into RFC 9457 problem+json. Field-level problems list each field at fault
 * under {@code errors}; nothing internal (stack traces, SQL) leaks. Integration endpoints with their own error
 * formats declare a more specific advice that runs before this one.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    static final String TYPE_BASE = "https://tocsin.io/problems/";
    static final String DATABASE_UNAVAILABLE = "database-unavailable";
    static final String DATABASE_UNAVAILABLE_DETAIL = "The database cannot be reached at the moment; nothing of this"
            + " request was stored. Retry after the time in Retry-After.";

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        var problem = problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
        problem.setProperty("resource", e.resource());
        return respond(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return respond(validationProblem(HttpStatus.UNPROCESSABLE_CONTENT, e.violations()));
    }

    /** Text that cannot be stored (NUL, lone surrogates): malformed input, named by field (issue 17). */
    @ExceptionHandler(UnstorableTextException.class)
    ResponseEntity<ProblemDetail> unstorable(UnstorableTextException e) {
        return respond(validationProblem(HttpStatus.BAD_REQUEST, e.violations()));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                "The request body is larger than " + e.limit / 1024 + " KB"));
    }

    /**
     * Tomcat could not decode the query string or form body (bad percent-encoding, not UTF-8, too large), or the
     * firewall refused a parameter name.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class})
    ResponseEntity<ProblemDetail> undecodableParameters(RuntimeException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The query string or form body cannot be decoded: it must be valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        var problem = problem(HttpStatus.CONFLICT, e.type(), "Conflict", e.getMessage());
        e.details().forEach(problem::setProperty);
        return respond(problem);
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailedException e) {
        var problem = problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Precondition failed", e.getMessage());
        problem.setProperty("currentVersion", e.currentVersion());
        return respond(problem);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentEdit(OptimisticLockingFailureException e) {
        return respond(problem(HttpStatus.CONFLICT, "stale-version", "Conflict",
                "The resource was changed by someone else at the same time; reload and apply your change again"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        if (e instanceof io.tocsin.shared.PermissionDenied denied) {
            var problem = problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", denied.getMessage());
            problem.setProperty("permission", denied.permission());
            return respond(problem);
        }
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Your role does not allow this action"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        String message = StorableTime.PROBLEM.equals(e.getMostSpecificCause().getMessage()) ? StorableTime.PROBLEM
                : "must be " + article(expected) + " " + expected;
        return respond(validationProblem(HttpStatus.BAD_REQUEST, List.of(new FieldViolation(e.getName(), message))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.is(e)) {
            // Issue 17, point 3: a retry fixes it, so 503 with Retry-After, and one log line, not a stack trace each.
            log.warn("REST call answered 503: the database cannot be reached ({})", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfterSeconds())
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, "Service unavailable",
                            DATABASE_UNAVAILABLE_DETAIL));
        }
        log.error("Unexpected failure while handling a REST call", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; nothing of this request was stored. Please try again."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(f -> violations.add(new FieldViolation(f.getField(), f.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> violations.add(new FieldViolation(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(validationProblem(HttpStatus.BAD_REQUEST, violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> violations.add(
                new FieldViolation(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(validationProblem(HttpStatus.BAD_REQUEST, violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof JacksonException jackson && (!(cause instanceof StreamReadException)
                || cause instanceof InputCoercionException) && !jackson.getPath().isEmpty()) {
            problem = validationProblem(HttpStatus.BAD_REQUEST,
                    List.of(new FieldViolation(path(jackson.getPath()), fieldMessage(jackson))));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "The request body is not valid JSON" + (cause instanceof JacksonException j && j.getLocation() != null
                            ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")"
                            : ""));
        }
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** What is wrong with a field Jackson could not bind: out of range, outside the storable years, or mistyped. */
    private static String fieldMessage(JacksonException e) {
        if (e instanceof InputCoercionException) {
            return "is out of range";
        }
        if (StorableTime.PROBLEM.equals(e.getOriginalMessage())) {
            return StorableTime.PROBLEM;
        }
        return "has the wrong type or format";
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse error) {
            body = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail detail
                && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
            detail.setType(URI.create(TYPE_BASE + statusCode.value()));
        }
        var problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, body, problemHeaders, statusCode, request);
    }

    static ProblemDetail validationProblem(HttpStatus status, List<FieldViolation> violations) {
        var problem = problem(status, "validation", "Invalid request",
                violations.size() == 1 ? violations.getFirst().field() + ": " + violations.getFirst().message()
                        : violations.size() + " fields are invalid");
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(List<JacksonException.Reference> refs) {
        var sb = new StringBuilder();
        for (var ref : refs) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String article(String word) {
        return "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
