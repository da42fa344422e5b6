package org.gongkai.audit.web.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.audit.AuditNames;

/**
 * Makes one page of audit events readable (#18) without touching what is stored: the actor by name (a scheduled job as
 * 系统, a citizen as 公众), instants in the configured zone, and 科室#id as the department's name.
 */
public final class ReadableAudit {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z");
    private static final Pattern DEPARTMENT = Pattern.compile("科室#(\\d{1,18})");

    private final AuditNames names;
    private final DateTimeFormatter time;
    private final Map<String, String> people = new HashMap<>();
    private final Map<Long, String> departments = new HashMap<>();

    ReadableAudit(AuditNames names, ZoneId zone) {
        this.names = names;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public String time(Instant at) {
        return time.format(at);
    }

    /** 王芳, 系统（定时任务名）, 公众 (not signed in); an account that no longer exists keeps its username. */
    public String actor(String actor) {
        if (actor == null || actor.isBlank() || "anonymous".equals(actor)) {
            return "公众（未登录）";
        }
        if (actor.startsWith("system:")) {
            return "系统（" + actor.substring("system:".length()) + "）";
        }
        if ("system".equals(actor)) {
            return "系统";
        }
        return people.computeIfAbsent(actor, a -> names.personName(a).orElse(a));
    }

    /** Whether the actor is shown by a name other than the stored value (the username is then shown beside it). */
    public boolean named(String actor) {
        return actor != null && !actor(actor).equals(actor) && !actor.startsWith("system") && !"anonymous".equals(actor);
    }

    public String summary(String summary) {
        if (summary == null) {
            return "";
        }
        Matcher m = INSTANT.matcher(summary);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = time.format(Instant.parse(m.group()));
            } catch (DateTimeParseException e) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        Matcher d = DEPARTMENT.matcher(out.toString());
        StringBuilder named = new StringBuilder();
        while (d.find()) {
            long id = Long.parseLong(d.group(1));
            String name = departments.computeIfAbsent(id, i -> names.departmentName(i).orElse("科室#" + i));
            d.appendReplacement(named, Matcher.quoteReplacement(name));
        }
        d.appendTail(named);
        return named.toString();
    }
}
