package org.gongkai.audit.web.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.audit.AuditEvent;
import org.gongkai.audit.AuditFilter;
import org.gongkai.audit.AuditReading;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/audit")
class AuditAdminController {

    static final int PAGE_SIZE = 50;

    private final AuditReading reading;
    private final DateTimeFormatter time;
    private final org.gongkai.audit.AuditNames names;
    private final ZoneId zone;

    AuditAdminController(AuditReading reading, org.gongkai.audit.AuditNames names, ZoneId zone) {
        this.reading = reading;
        this.names = names;
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String objectType, @RequestParam(defaultValue = "") String objectId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(defaultValue = "1") int page, Model model) {
        AuditFilter filter = new AuditFilter(actor, action, objectType, objectId, from, to);
        int current = Math.max(1, Math.min(page, 10_000));
        var events = reading.find(filter, PAGE_SIZE + 1, (current - 1) * PAGE_SIZE);
        model.addAttribute("filter", filter);
        model.addAttribute("events", events.size() > PAGE_SIZE ? events.subList(0, PAGE_SIZE) : events);
        model.addAttribute("hasNext", events.size() > PAGE_SIZE);
        model.addAttribute("page", current);
        model.addAttribute("time", time);
        model.addAttribute("readable", new ReadableAudit(names, zone));
        model.addAttribute("lastAnchor", reading.lastAnchor().orElse(null));
        return "admin/audit/events";
    }

    @PostMapping("/verify")
    String verify(RedirectAttributes flash) {
        flash.addFlashAttribute("verification", reading.verify());
        return "redirect:/admin/audit";
    }

    @GetMapping(value = "/export.csv")
    void export(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String objectType, @RequestParam(defaultValue = "") String objectId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                HttpServletResponse response) throws IOException {
        AuditFilter filter = new AuditFilter(actor, action, objectType, objectId, from, to);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write('\uFEFF');
        out.println("id,time,actor,roles,action,object_type,object_id,summary,client_address,request_id,hash");
        for (AuditEvent e : reading.exportAndRecord(filter)) {
            out.println(String.join(",", e.id().toString(), time.format(e.occurredAt()), csv(e.actor()), csv(e.actorRoles()),
                    csv(e.action()), csv(e.objectType()), csv(e.objectId()), csv(e.summary()), csv(e.clientAddress()),
                    csv(e.requestId()), e.hash()));
        }
        out.flush();
    }

    /** Quotes a CSV cell and defuses spreadsheet formulas. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
