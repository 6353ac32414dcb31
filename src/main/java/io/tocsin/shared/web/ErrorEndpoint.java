package io.tocsin.shared.web;

import java.util.Map;

import io.tocsin.shared.DatabaseOutage;
import io.tocsin.shared.UnstorableTextException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What {@code /error} answers: the container forwards here when a request failed outside any controller (in a
 * filter, or with {@code sendError}). Browsers get the error page, everyone else problem+json. A failure caused by
 * the request itself (an undecodable query string or form body, a request the firewall refused) is a 400, not a
 * 500; a direct visit of {@code /error} has nothing to show and is a 404. A failure because the database cannot be
 * reached (say while an API token is looked up) is a 503 with {@code Retry-After}: a retry will succeed.
 */
@Controller
class ErrorEndpoint implements ErrorController {

    @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        retryAfter(status, response);
        return new ModelAndView("error", Map.of("status", status.value(), "message", ""), status);
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        retryAfter(status, response);
        String type = switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case SERVICE_UNAVAILABLE -> ApiProblemHandler.DATABASE_UNAVAILABLE;
            default -> String.valueOf(status.value());
        };
        String detail = switch (status) {
            case BAD_REQUEST -> "The request cannot be read (for example a query string or form body that is not"
                    + " valid percent-encoded UTF-8)";
            case NOT_FOUND -> "Nothing here";
            case SERVICE_UNAVAILABLE -> ApiProblemHandler.DATABASE_UNAVAILABLE_DETAIL;
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side; nothing of this request was stored. Please try again."
                    : status.getReasonPhrase();
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblemHandler.problem(status, type, status.getReasonPhrase(), detail));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = HttpStatus.resolve(value);
        if (status == null) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError() && clientFault(exception)) {
            return HttpStatus.BAD_REQUEST;
        }
        if (status.is5xxServerError() && exception instanceof Throwable t && DatabaseOutage.is(t)) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return status;
    }

    private static void retryAfter(HttpStatus status, HttpServletResponse response) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfterSeconds());
        }
    }

    /** Exceptions that mean the request itself cannot be read: retrying it can never succeed. */
    static boolean clientFault(Object exception) {
        for (Throwable t = exception instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (t instanceof InvalidParameterException || t instanceof RequestRejectedException
                    || t instanceof MultipartException || t instanceof UnstorableTextException) {
                return true;
            }
        }
        return false;
    }
}
