package org.gongkai.workflow;

import java.util.List;

import org.gongkai.content.Attachments;
import org.gongkai.content.ContentManagement;
import org.gongkai.tables.PersonalDataScanner;

/**
 * What the personal-data scan found in an edition (masked hits in the body and the attachments) and the attachments it could
 * not check (无法自动检查): before a pass, the reviewer explains the hits and confirms having checked those files by hand.
 */
public record PersonalDataCheck(List<PersonalDataScanner.Hit> hits, List<Attachments.Scan> unchecked) {

    /** The body scanned now and the attachments as scanned at upload ({@link EditionWorkflow#personalData}). */
    static PersonalDataCheck of(long editionId, ContentManagement content, Attachments attachments) {
        List<PersonalDataScanner.Hit> hits = new java.util.ArrayList<>(PersonalDataScanner.scanHtml(content.view(editionId).bodyHtml(), "正文"));
        List<Attachments.Scan> unchecked = new java.util.ArrayList<>();
        for (Attachments.Scan scan : attachments.scans(editionId)) {
            hits.addAll(scan.findings());
            if (scan.state() != Attachments.ScanState.READ) {
                unchecked.add(scan);
            }
        }
        return new PersonalDataCheck(List.copyOf(hits), List.copyOf(unchecked));
    }
}
