package org.gongkai.content.web.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.gongkai.content.Attachments;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.gongkai.infrastructure.DownloadTypes;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Uploading, removing and downloading an edition's attachments in the console. */
@Controller
class AttachmentAdminController {

    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg");

    private final Attachments attachments;

    AttachmentAdminController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping("/admin/documents/{id}/attachments")
    String upload(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new RuleViolation("file", "attachment.error.empty");
            }
            // the size is checked against the limit before the stream is opened
            Attachments.Attachment added = attachments.add(id, file.getOriginalFilename(), file.getSize(), new LazyStream(file), me);
            flash.addFlashAttribute("notice", added.scanState() == Attachments.ScanState.READ ? "attachment.added" : "attachment.addedUnchecked");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/documents/" + id;
    }

    @PostMapping("/admin/documents/{id}/attachments/{attachmentId}/delete")
    String remove(@PathVariable long id, @PathVariable long attachmentId, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes flash) {
        try {
            attachments.remove(id, attachmentId, me);
            flash.addFlashAttribute("notice", "attachment.removed");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/documents/" + id;
    }

    @GetMapping("/admin/documents/{id}/attachments/{position}")
    ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable int position, @AuthenticationPrincipal StaffPrincipal me) {
        Attachments.Attachment a = attachments.download(id, position, me);
        boolean inline = INLINE.contains(a.mediaType());
        return ResponseEntity.ok().contentType(inline ? MediaType.parseMediaType(a.mediaType()) : DownloadTypes.of(a.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(a.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(a.content());
    }

    /** Opens the upload only when it is read, so a refused size never touches the bytes. */
    private static final class LazyStream extends java.io.InputStream {
        private final MultipartFile file;
        private java.io.InputStream in;

        LazyStream(MultipartFile file) {
            this.file = file;
        }

        private java.io.InputStream in() throws IOException {
            if (in == null) {
                in = file.getInputStream();
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** Tomcat refuses an over-limit upload while streaming it, before any handler runs; the clerk sees why on the edition. */
    @ControllerAdvice
    static class UploadErrors {

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        String tooLarge(HttpServletRequest request) {
            var flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put("alert", "attachment.error.tooLarge");
            String path = request.getRequestURI().replaceAll("/attachments.*$", "");
            return "redirect:" + (path.matches("/admin/documents/\\d+") ? path : "/admin/documents");
        }

    }
}
