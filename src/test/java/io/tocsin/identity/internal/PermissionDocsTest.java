package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 "Shown by" (R15, R16): the permission matrix in code and the one documented in {@code docs/permissions.md}
 * say the same. For every rule of {@link PermissionMatrix}, the page's write-rules table has a row naming one of
 * the rule's paths, with the same least organisation role and the same token scope. ({@code PermissionMatrixTest} then
 * compares the code's matrix with what the API does.)
 */
class PermissionDocsTest {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private record Row(List<String> paths, String least, String scope, String line) {
    }

    @Test
    void everyRuleOfTheMatrixIsDocumentedWithItsRoleAndScope() throws IOException {
        var rows = writeRules(Files.readString(Path.of("docs/permissions.md")));
        assertThat(rows).as("the write-rules table").hasSizeGreaterThan(10);
        var problems = new ArrayList<String>();
        for (var rule : PermissionMatrix.RULES) {
            var paths = rule.paths().stream().map(PermissionDocsTest::normalise).toList();
            String first = paths.getFirst();
            var row = rows.stream().filter(r -> r.paths().stream().anyMatch(paths::contains)).findFirst().orElse(null);
            if (row == null) {
                problems.add(first + ": no row in docs/permissions.md");
                continue;
            }
            if (!row.least().startsWith(words(rule.least()))) {
                problems.add(first + ": documented '" + row.least() + "', the matrix says " + words(rule.least()));
            }
            if (!row.scope().equals(rule.scope().name())) {
                problems.add(first + ": documented scope " + row.scope() + ", the matrix says " + rule.scope());
            }
        }
        assertThat(problems).as("docs/permissions.md against PermissionMatrix").isEmpty();
    }

    /** The rows of the table under "## Write rules (REST API)": paths (normalised), least role, token scope. */
    private static List<Row> writeRules(String page) {
        int start = page.indexOf("## Write rules (REST API)");
        int end = page.indexOf("\n## ", start + 1);
        var rows = new ArrayList<Row>();
        for (String line : page.substring(start, end).split("\n")) {
            if (!line.startsWith("| `") && !line.startsWith("| ") || line.startsWith("| paths") || line.startsWith("|--")
                    || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 4) {
                continue;
            }
            var paths = new ArrayList<String>();
            var m = CODE.matcher(cells[1]);
            while (m.find()) {
                paths.add(normalise(m.group(1)));
            }
            rows.add(new Row(paths, cells[2].strip(), cells[3].strip(), line));
        }
        return rows;
    }

    /** `POST /api/v1/schedules` and `/api/v1/schedules/{owner}/**` compare as /api/v1/schedules and ..../*\/**. */
    private static String normalise(String path) {
        String p = path.strip().replaceFirst("^(GET|POST|PUT|PATCH|DELETE)(`?/`?(GET|POST|PUT|PATCH|DELETE))*\\s+", "");
        return p.replaceAll("\\{[^}]*}", "*");
    }

    private static String words(Role role) {
        return switch (role) {
            case ADMIN -> "administrator";
            case RESPONDER -> "member";
            case STAKEHOLDER -> "stakeholder";
        };
    }
}
