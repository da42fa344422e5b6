package org.gongkai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables: no SQL string in {@code src/main} (string literals and text blocks in {@code .java} files, and
 * {@code .sql} files under {@code src/main/resources}) of one module names a table that another module owns. Another module's
 * data is read through that module's API. {@link ModuleStructureTests} sees only Java dependencies; this sees the SQL.
 */
class SqlOwnershipTests {

    /** Module → the tables it owns (every table created in {@code db/migration}; {@link #everyTableHasAnOwner} keeps it whole). */
    static final Map<String, Set<String>> OWNERS = Map.ofEntries(
            Map.entry("infrastructure", Set.of("spring_session", "spring_session_attributes", "shedlock", "public_change",
                    "event_publication")),
            Map.entry("identity", Set.of("department", "staff_user", "staff_user_role", "staff_user_covered_department",
                    "staff_password_history", "staff_recovery_code", "staff_second_factor", "account_change_request",
                    "login_throttle", "login_throttle_key")),
            Map.entry("audit", Set.of("audit_event", "audit_anchor")),
            Map.entry("console", Set.of("notification")),
            Map.entry("content", Set.of("catalogue_node", "code_item", "document", "edition", "edition_attachment",
                    "edition_relation", "disclosure_matter")),
            Map.entry("workflow", Set.of("edition_workflow", "confidentiality_review", "approval_record", "text_check_acceptance")),
            Map.entry("publication", Set.of("publication_snapshot", "public_document", "published_file", "index_number_serial",
                    "index_number_organ_serial", "stored_item_page")),
            Map.entry("portal", Set.of("guide_section", "stored_listing_page")),
            Map.entry("qr", Set.of("qr_code", "qr_scan_day")),
            Map.entry("tables", Set.of("table_template", "table_template_version", "data_table", "data_table_row")),
            Map.entry("calendar", Set.of("calendar_day", "calendar_year")),
            Map.entry("requests", Set.of("info_request", "request_consultation", "request_deadline_change", "request_file",
                    "request_notification", "request_number_counter", "request_throttle", "reply_template")),
            Map.entry("reporting", Set.of("annual_report", "compliance_reminder")),
            Map.entry("inspection", Set.of("inspection_reminder", "inspection_threshold", "link_crawl", "link_occurrence",
                    "link_target", "text_check_term")),
            Map.entry("interaction", Set.of("question", "question_number_counter", "question_notification", "faq_entry",
                    "interaction_throttle", "interaction_secret", "rating")),
            Map.entry("consultation", Set.of("consultation", "consultation_comment", "consultation_throttle", "proposal_reply")));

    /**
     * Demo seeders that still write or read other modules' tables directly instead of through the owners' APIs (issue 16: to be
     * replaced by API calls one by one; a file leaves this list when it has no SQL of its own). Nothing else is exempt.
     */
    static final Set<String> DEMO_SEEDERS_WITH_SQL = Set.of("demo/DisclosureMatterDemoData.java", "demo/QrDemoData.java",
            "demo/RequestDemoData.java", "demo/AnnualReportDemoData.java", "demo/WorkflowDemoData.java",
            "demo/CatalogueDemoData.java");

    static final Path MAIN = Path.of("src/main/java/org/gongkai");
    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    /** A table named after a keyword that can precede one; also {@code from a, b} and {@code lock table}. */
    static final Pattern TABLE_REFERENCE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|using|truncate)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)(\\s*(?:[a-z_][a-z0-9_]*\\s*)?,\\s*[a-z_][a-z0-9_]*)*");
    static final Pattern SQL_HINT = Pattern.compile("(?i)\\b(select|insert|update|delete|truncate|lock)\\b");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            }
        }
        Set<String> owned = OWNERS.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(created).isNotEmpty();
        assertThat(owned).as("tables in the ownership map (each table in db/migration, nothing else)").isEqualTo(created);
    }

    @Test
    void noModuleNamesAnotherModulesTable() throws IOException {
        List<String> crossings = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // GongkaiApplication
                }
                String module = relative.getName(0).toString();
                if (DEMO_SEEDERS_WITH_SQL.contains(relative.toString().replace('\\', '/'))) {
                    continue;
                }
                for (String sql : stringLiterals(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (SQL_HINT.matcher(sql).find()) {
                        scanned++;
                        crossings.addAll(crossings(module, sql, relative.toString()));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                // a .sql resource belongs to the module named by its first folder (e.g. sql/requests/x.sql)
                Path relative = RESOURCES.relativize(file);
                String module = relative.getNameCount() > 2 ? relative.getName(1).toString() : "?";
                crossings.addAll(crossings(module, Files.readString(file, StandardCharsets.UTF_8), relative.toString()));
                scanned++;
            }
        }
        assertThat(scanned).as("SQL strings found").isGreaterThan(100);
        assertThat(crossings).as("SQL naming another module's table (go through the owner's API)").isEmpty();
    }

    @Test
    void theScannerSeesCrossings() {
        assertThat(crossings("reporting", "select count(*) from publication_snapshot s join edition e on e.id = s.edition_id", "X"))
                .hasSize(2);
        assertThat(crossings("requests", "select a.x from info_request a, department d", "X")).hasSize(1);
        assertThat(crossings("content", "update edition set state = ?", "X")).isEmpty();
        assertThat(stringLiterals("String a = \"select 1 from edition\"; // \"from qr_code\"\nString b = \"\"\"\n  from \\\"x\\\" qr_code\n  \"\"\";"))
                .containsExactly("select 1 from edition", "  from \\\"x\\\" qr_code\n  ");
    }

    static List<String> crossings(String module, String sql, String where) {
        List<String> found = new ArrayList<>();
        Matcher m = TABLE_REFERENCE.matcher(sql);
        while (m.find()) {
            List<String> tables = new ArrayList<>();
            tables.add(m.group(1));
            if (m.group(2) != null) {
                for (String part : m.group(0).substring(m.group(0).indexOf(',')).split(",")) {
                    String name = part.trim().split("\\s+")[0];
                    if (!name.isEmpty()) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                String owner = ownerOf(table.toLowerCase());
                if (owner != null && !owner.equals(module)) {
                    found.add(where + ": " + module + " names " + owner + "'s table " + table);
                }
            }
        }
        return found;
    }

    static String ownerOf(String table) {
        return OWNERS.entrySet().stream().filter(e -> e.getValue().contains(table)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The string literals and text blocks of a Java source, comments and char literals skipped (escapes kept as written). */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '\'') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (source.startsWith("\"\"\"", i)) {
                int start = source.indexOf('\n', i) + 1;
                int j = start;
                while (j < n && !source.startsWith("\"\"\"", j)) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                literals.add(source.substring(start, Math.min(j, n)));
                i = j + 3;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '"') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                literals.add(source.substring(i + 1, Math.min(j, n)));
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }
}
