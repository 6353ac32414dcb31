package io.tocsin.identity.internal;

import java.io.IOException;

import io.tocsin.shared.DatabaseOutage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes 401/403 (and 503 while the database is away) as problem+json before any controller runs. */
@Component
class ProblemResponses {

    void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"tocsin\"");
        write(response, 401, "unauthorized", "Unauthorized", detail);
    }

    void forbidden(HttpServletResponse response, String detail) throws IOException {
        write(response, 403, "forbidden", "Forbidden", detail);
    }

    /** A 403 naming the permission the caller lacks (issue 15 point 2). */
    void forbidden(HttpServletResponse response, String detail, String permission) throws IOException {
        write(response, 403, "forbidden", "Forbidden", detail, ",\"permission\":\"" + permission + "\"");
    }

    /** The database cannot be reached (issue 17): a retry will succeed. */
    void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", DatabaseOutage.retryAfterSeconds());
        write(response, 503, "database-unavailable", "Service unavailable", "The database cannot be reached at the"
                + " moment; nothing of this request was stored. Retry after the time in Retry-After.");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        write(response, status, type, title, detail, "");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail,
            String more) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://tocsin.io/problems/" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "/").replace("\"", "'") + "\"" + more + "}");
    }
}
