package org.gongkai.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A request as the office sees it: stored facts plus the clock derived when read. The identity number is only ever masked.
 */
public record RequestView(
        long id, String number, Channel channel, boolean organisation, ApplicantCategory category, String applicantName,
        String creditCode, String contactPerson, String idType, String idNumberMasked, String phone, String email,
        String address, String infoName, String infoDocumentNumber, String infoDescription, String provisionForm,
        String obtainWay, RequestState state, LocalDate receivedOn, LocalDate clockStartOn, Long departmentId,
        String departmentName, LocalDate correctionRequestedOn, LocalDate correctionDueOn, String correctionNote,
        LocalDate correctedOn, Integer extensionDays, LocalDate extensionApprovedOn, String extensionApprovedBy,
        String extensionReason, LocalDate repliedOn, ReplyType replyType, NotDisclosedGround replyGround, String replyOpinion,
        String replyText, String replyDraft, LocalDate closedOn, LocalDate withdrawnOn, Instant promotedAt, long version,
        List<Consultation> consultations, List<FileInfo> files, RequestClock clock, String legalRepresentative,
        String postcode) {

    /** A consultation period; the clock stands still while it runs (at most 15 working days count). */
    public record Consultation(long id, String party, String kind, LocalDate startedOn, LocalDate endedOn) {
    }

    /** An attached file (identity proof or reply document). */
    public record FileInfo(long id, String kind, String filename, String contentType, int size) {
    }

    public boolean extended() {
        return extensionApprovedOn != null;
    }

    public boolean correctionUsed() {
        return correctionRequestedOn != null;
    }

    public boolean promoted() {
        return promotedAt != null;
    }

    public boolean can(RequestAction action) {
        return action.allowedFrom(state);
    }

    /** For templates, which may not reach enum constants: whether the named {@link RequestAction} is possible now. */
    public boolean can(String action) {
        return can(RequestAction.valueOf(action));
    }
}
