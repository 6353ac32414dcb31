package io.tocsin.statuspage.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/** The SVG status badge of a page or component and the page's accent stylesheet (no inline styles: CSP). */
public final class Badges {

    private Badges() {
    }

    public static byte[] svg(String label, String state, String text) {
        String colour = switch (state) {
            case "none", "operational" -> "#2fb344";
            case "minor", "degraded_performance" -> "#f59f00";
            case "major", "partial_outage" -> "#f76707";
            case "critical", "major_outage" -> "#d63939";
            case "under_maintenance" -> "#4299e1";
            default -> "#667382";
        };
        String l = HtmlUtils.htmlEscape(label.length() > 40 ? label.substring(0, 40) : label);
        String t = HtmlUtils.htmlEscape(text);
        int lw = 10 + 7 * l.length();
        int tw = 10 + 7 * t.length();
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (lw + tw) + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + l + ": " + t + "\"><title>" + l + ": " + t + "</title>"
                + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + lw + "\" width=\"" + tw + "\" height=\"20\" fill=\"" + colour + "\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"5\" y=\"14\">" + l + "</text><text x=\"" + (lw + 5) + "\" y=\"14\">" + t + "</text></g></svg>";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] theme(String accent) {
        String colour = accent == null ? "#066fd1" : accent;
        return (":root{--status-accent:" + colour + ";}\n").getBytes(StandardCharsets.UTF_8);
    }
}
