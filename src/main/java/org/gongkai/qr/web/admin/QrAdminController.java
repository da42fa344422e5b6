package org.gongkai.qr.web.admin;

import java.nio.charset.StandardCharsets;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.qr.QrCodes;
import org.gongkai.support.RuleViolation;
import org.gongkai.infrastructure.DownloadTypes;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSADMIN's QR codes: create, download PNG/SVG, print an A4 poster, scan statistics. */
@Controller
@RequestMapping("/admin/qr")
@PreAuthorize("hasRole('SYSADMIN')")
class QrAdminController {

    private final QrCodes codes;
    private final IdentityManagement identity;

    QrAdminController(QrCodes codes, IdentityManagement identity) {
        this.codes = codes;
        this.identity = identity;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("codes", codes.all());
        model.addAttribute("departmentNames", identity.departmentNames());
        model.addAttribute("types", QrCodes.TargetType.values());
        return "admin/qr/codes";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String title, @RequestParam(required = false) Long departmentId,
                  @RequestParam(defaultValue = "") String locationLabel, @RequestParam(defaultValue = "CATALOGUE") QrCodes.TargetType targetType,
                  @RequestParam(defaultValue = "") String targetKey, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            QrCodes.QrCode created = codes.create(title, departmentId == null ? me.departmentId() : departmentId, locationLabel,
                    targetType, targetKey, me);
            flash.addFlashAttribute("notice", "qr.created");
            return "redirect:/admin/qr/" + created.code();
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            return "redirect:/admin/qr";
        }
    }

    @GetMapping("/{code}")
    String show(@PathVariable String code, Model model) {
        QrCodes.QrCode qr = codes.find(code).orElseThrow(NotFoundException::new);
        model.addAttribute("qr", qr);
        model.addAttribute("shortUrl", codes.shortUrl(qr.code()));
        var days = codes.scansByDay(qr.code());
        model.addAttribute("days", days);
        // the busiest day sets the scale of the bars (w1..w10)
        model.addAttribute("maxScans", Math.max(1, days.stream().mapToLong(QrCodes.DayCount::scans).max().orElse(1)));
        model.addAttribute("department", identity.departmentNames().get(qr.departmentId()));
        return "admin/qr/code";
    }

    @GetMapping("/{code}/poster")
    String poster(@PathVariable String code, Model model) {
        QrCodes.QrCode qr = codes.find(code).orElseThrow(NotFoundException::new);
        model.addAttribute("qr", qr);
        model.addAttribute("shortUrl", codes.shortUrl(qr.code()));
        model.addAttribute("department", identity.departmentNames().get(qr.departmentId()));
        return "admin/qr/poster";
    }

    @GetMapping("/{code}/qr.png")
    ResponseEntity<byte[]> png(@PathVariable String code, @RequestParam(defaultValue = "false") boolean download) {
        QrCodes.QrCode qr = codes.find(code).orElseThrow(NotFoundException::new);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.IMAGE_PNG);
        if (download) {
            response.header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("二维码-" + qr.code() + ".png", StandardCharsets.UTF_8).build().toString());
        }
        return response.body(codes.png(qr.code(), 600));
    }

    @GetMapping("/{code}/qr.svg")
    ResponseEntity<byte[]> svg(@PathVariable String code) {
        QrCodes.QrCode qr = codes.find(code).orElseThrow(NotFoundException::new);
        // SVG is only ever a download, never rendered inline: its own type, as an attachment, sandboxed
        return ResponseEntity.ok().contentType(DownloadTypes.SVG)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("二维码-" + qr.code() + ".svg", StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(codes.svg(qr.code()).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/{code}/retire")
    String retire(@PathVariable String code, RedirectAttributes flash) {
        codes.retire(code);
        flash.addFlashAttribute("notice", "qr.retired");
        return "redirect:/admin/qr/" + code;
    }
}
