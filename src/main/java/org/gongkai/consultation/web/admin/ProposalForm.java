package org.gongkai.consultation.web.admin;

import java.time.LocalDate;

import org.gongkai.consultation.ProposalReplies;
import org.springframework.format.annotation.DateTimeFormat;

/** The form of a reply to a 人大代表建议 or 政协委员提案. */
public record ProposalForm(ProposalReplies.Kind kind, String proposalNumber, Integer sessionYear, String title, String replyHtml,
                           @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate writtenOn) {

    static ProposalForm empty(int year) {
        return new ProposalForm(null, "", year, "", "", null);
    }

    ProposalReplies.Input toInput() {
        return new ProposalReplies.Input(kind, proposalNumber, sessionYear, title, replyHtml, writtenOn);
    }
}
