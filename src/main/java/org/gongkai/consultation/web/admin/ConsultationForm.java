package org.gongkai.consultation.web.admin;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gongkai.consultation.Consultations;
import org.springframework.format.annotation.DateTimeFormat;

/** The consultation form; {@code version} guards against two clerks overwriting each other. */
public record ConsultationForm(
        @NotBlank(message = "{consultation.error.title}") @Size(max = 200, message = "{consultation.error.titleLength}") String title,
        @Size(max = 500_000, message = "{consultation.error.tooLong}") String draftHtml,
        @NotBlank(message = "{consultation.error.background}") @Size(max = 5000, message = "{consultation.error.tooLong}") String background,
        @NotBlank(message = "{consultation.error.basis}") @Size(max = 5000, message = "{consultation.error.tooLong}") String basis,
        @NotBlank(message = "{consultation.error.mainContent}") @Size(max = 5000, message = "{consultation.error.tooLong}") String mainContent,
        @NotNull(message = "{consultation.error.opensOn}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate opensOn,
        @NotNull(message = "{consultation.error.closesOn}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closesOn,
        @Size(max = 500, message = "{consultation.error.tooLong}") String shortWindowReason,
        @NotBlank(message = "{consultation.error.howToComment}") @Size(max = 2000, message = "{consultation.error.tooLong}") String howToComment,
        Boolean nameRequired,
        Long version) {

    /** An unticked checkbox arrives as null. */
    public ConsultationForm {
        nameRequired = Boolean.TRUE.equals(nameRequired);
    }

    static ConsultationForm empty(LocalDate today, int minimumDays) {
        return new ConsultationForm("", "", "", "", "", today, today.plusDays(minimumDays - 1L), "",
                "可通过本页面“发表意见”栏目在线提出意见，也可将书面意见邮寄至本委。", false, 0L);
    }

    static ConsultationForm of(Consultations.Overview o) {
        Consultations.Draft d = o.draft();
        return new ConsultationForm(d.title(), d.draftHtml(), d.background(), d.basis(), d.mainContent(), d.opensOn(), d.closesOn(),
                d.shortWindowReason(), d.howToComment(), d.nameRequired(), o.version());
    }

    Consultations.Draft toDraft() {
        return new Consultations.Draft(title, draftHtml, background, basis, mainContent, opensOn, closesOn, shortWindowReason,
                howToComment, Boolean.TRUE.equals(nameRequired));
    }
}
