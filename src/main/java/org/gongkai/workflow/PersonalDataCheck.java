package org.gongkai.workflow;

import java.util.List;

import org.gongkai.content.Attachments;
import org.gongkai.tables.PersonalDataScanner;

/**
 * What the personal-data scan found in an edition (masked hits in the body and the attachments) and the attachments it could
 * not check (无法自动检查): before a pass, the reviewer explains the hits and confirms having checked those files by hand.
 */
public record PersonalDataCheck(List<PersonalDataScanner.Hit> hits, List<Attachments.Scan> unchecked) {
}
