package org.gongkai.requests;

/**
 * A replied request's information should become proactive disclosure (条例第44条): the content feature turns it into a draft
 * item linked to the request number. Published after the promotion is recorded, in the same transaction.
 */
public record RequestPromotionRequested(String requestNumber, String title, String description, Long departmentId) {
}
