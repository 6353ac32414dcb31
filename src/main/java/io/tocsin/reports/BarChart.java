package io.tocsin.reports;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as server-side SVG (no scripts, no style attributes: the page's CSP allows neither). Each
 * bar carries its own label on the left and its value on the right, so nobody hunts for a legend; the SVG has a
 * title and description for screen readers, and every chart stands next to the table with the same figures.
 * Colours come from CSS classes ({@code report-bar}, {@code report-bar-N}) in {@code reports.css}. Pure.
 */
public final class BarChart {

    public record Bar(String label, double value, String valueText, String tone) {
        public Bar(String label, double value, String valueText) {
            this(label, value, valueText, null);
        }
    }

    private static final int WIDTH = 640;
    private static final int LABEL = 170;
    private static final int VALUE = 90;
    private static final int ROW = 24;

    private BarChart() {
    }

    public static String svg(String id, String title, List<Bar> bars) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int height = Math.max(1, bars.size()) * ROW + 8;
        var out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"report-chart\" id=\"").append(escape(id))
                .append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(escape(id)).append("-title ").append(escape(id))
                .append("-desc\"><title id=\"").append(escape(id)).append("-title\">").append(escape(title))
                .append("</title><desc id=\"").append(escape(id)).append("-desc\">");
        for (int i = 0; i < bars.size(); i++) {
            out.append(i == 0 ? "" : "; ").append(escape(bars.get(i).label())).append(": ")
                    .append(escape(bars.get(i).valueText()));
        }
        out.append("</desc>");
        int barSpace = WIDTH - LABEL - VALUE;
        for (int i = 0; i < bars.size(); i++) {
            var b = bars.get(i);
            int y = 4 + i * ROW;
            double w = max <= 0 ? 0 : b.value() / max * barSpace;
            out.append("<text class=\"report-label\" x=\"").append(LABEL - 6).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(escape(b.label())).append("</text>");
            out.append("<rect class=\"report-bar").append(b.tone() == null ? "" : " report-bar-" + escape(b.tone()))
                    .append("\" x=\"").append(LABEL).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", Math.max(w, b.value() > 0 ? 1 : 0)))
                    .append("\" height=\"").append(ROW - 6).append("\"/>");
            out.append("<text class=\"report-value\" x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", LABEL + w + 6)).append("\" y=\"").append(y + 16)
                    .append("\">").append(escape(b.valueText())).append("</text>");
        }
        return out.append("</svg>").toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
