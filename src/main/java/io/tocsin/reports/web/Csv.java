package io.tocsin.reports.web;

import java.util.List;

/** RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends a line. */
final class Csv {

    private Csv() {
    }

    static String line(List<String> fields) {
        var out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            // A leading = + - @ would be a formula in a spreadsheet: prefix it so the cell stays text.
            if (!f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0 && !f.matches("-?[0-9.,]+")) {
                f = "'" + f;
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                f = "\"" + f.replace("\"", "\"\"") + "\"";
            }
            out.append(f);
        }
        return out.append("\r\n").toString();
    }
}
