package org.gongkai.console;

import java.util.List;

/** Notices were put in inboxes (ids of {@code notification} rows); their e-mail copies go out after commit. */
public record NoticesPosted(List<Long> noticeIds) {
}
