package io.tocsin.shared.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before the application sees them (an encoded NUL or undecodable bytes in the
 * path, a malformed request line) and renders its own HTML page for them. Under {@code /api/} such an answer is
 * RFC 9457 problem+json like every other REST error; elsewhere Tomcat's page stays, without server details.
 * Public because Tomcat instantiates its error report valve by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowServerInfo(false);
        setShowReport(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (uri == null || !uri.startsWith("/api/")) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                String detail = status == 400
                        ? "The request line or path cannot be decoded (for example an encoded NUL character or bytes"
                                + " that are not UTF-8)"
                        : "The request was refused before it reached the application";
                writer.write("{\"type\":\"" + ApiProblemHandler.TYPE_BASE + (status == 400 ? "malformed-request" : status)
                        + "\",\"title\":\"" + (status == 400 ? "Malformed request" : "Request refused")
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing left to tell it
        }
    }
}
