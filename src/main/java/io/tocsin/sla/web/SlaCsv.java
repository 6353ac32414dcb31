package io.tocsin.sla.web;

import io.tocsin.sla.SlaCompliance;

/**
 * The compliance table as CSV (RFC 4180: comma separated, CRLF, fields quoted where needed, formula-like text
 * defused with a leading apostrophe so a spreadsheet does not run it), followed by the breached incidents.
 */
final class SlaCsv {

    private SlaCsv() {
    }

    static String of(SlaCompliance.Report report) {
        var sb = new StringBuilder();
        line(sb, "priority", "service", "metric", "met", "breached", "open", "percentage");
        for (var r : report.rows()) {
            line(sb, r.priority().name(), r.serviceName() == null ? "" : r.serviceName(), r.metric().name(),
                    Integer.toString(r.met()), Integer.toString(r.breached()), Integer.toString(r.open()),
                    r.percentage() == null ? "" : r.percentage().toString());
        }
        sb.append("\r\n");
        line(sb, "incident", "priority", "service", "metric", "target_minutes", "elapsed_minutes", "started_at",
                "breached_at");
        for (var b : report.breaches()) {
            line(sb, b.incidentKey(), b.priority().name(), b.serviceName() == null ? "" : b.serviceName(),
                    b.metric().name(), SlaApiController.minutes(b.target()), SlaApiController.minutes(b.elapsed()),
                    b.startedAt().toString(), b.breachedAt() == null ? "" : b.breachedAt().toString());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields[i]));
        }
        sb.append("\r\n");
    }

    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
