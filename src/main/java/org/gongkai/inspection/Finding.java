package org.gongkai.inspection;

/**
 * One offending column, item, link or request: what it is, what is wrong, who is responsible, its verdict, a console link to fix
 * it and (where there is one) the public page it concerns.
 */
public record Finding(String subject, String detail, String department, CheckStatus status, String fixLink, String pageLink) {
}
