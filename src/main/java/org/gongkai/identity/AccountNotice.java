package org.gongkai.identity;

import java.util.Collection;

/**
 * A notice about an account for the console inbox (published inside the transaction that made the change): a change to
 * one's own account, or a request about an administrator's account that waits for approval.
 */
public record AccountNotice(Collection<Long> recipients, String title, String body, String link) {
}
