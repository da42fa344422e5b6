package org.gongkai.workflow;

import java.util.List;

/**
 * The office's text check (严重错误: wrongly written names, titles, expressions and words) as the workflow sees it. The
 * inspection module keeps the list and provides the scan; the workflow only shows the flags and asks for a note, so it does not
 * depend on inspection (which reads reporting, which depends on workflow).
 */
public interface TextScan {

    /** One flagged text: what was written, what it should be, the message key of its category, and where it occurs. */
    record Flag(String wrong, String correct, String categoryKey, String context) {
    }

    /** The flags in the given texts (plain text or HTML). */
    List<Flag> scan(String... texts);
}
