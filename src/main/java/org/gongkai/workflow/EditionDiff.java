package org.gongkai.workflow;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import org.gongkai.content.BodySanitizer;

/**
 * What a new edition changes from the published one, for the reviewer: title, summary and body compared paragraph by
 * paragraph (java-diff-utils' Myers diff), unchanged paragraphs kept as context.
 */
public final class EditionDiff {

    /** One line of the comparison: unchanged, removed (only in the published edition) or added (only in this one). */
    public record Line(Kind kind, String text) {
    }

    public enum Kind { SAME, REMOVED, ADDED }

    private EditionDiff() {
    }

    /** Compares the published edition with this one; each side is title, summary and body HTML. */
    public static List<Line> between(String publishedTitle, String publishedSummary, String publishedBodyHtml,
                                     String title, String summary, String bodyHtml) {
        List<String> before = lines(publishedTitle, publishedSummary, publishedBodyHtml);
        List<String> after = lines(title, summary, bodyHtml);
        Patch<String> patch = DiffUtils.diff(before, after);
        List<Line> result = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            for (; position < delta.getSource().getPosition(); position++) {
                result.add(new Line(Kind.SAME, before.get(position)));
            }
            delta.getSource().getLines().forEach(l -> result.add(new Line(Kind.REMOVED, l)));
            delta.getTarget().getLines().forEach(l -> result.add(new Line(Kind.ADDED, l)));
            position += delta.getSource().size();
        }
        for (; position < before.size(); position++) {
            result.add(new Line(Kind.SAME, before.get(position)));
        }
        return result;
    }

    /** Whether anything differs. */
    public static boolean changed(List<Line> lines) {
        return lines.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }

    /** Title and summary as labelled lines, then one line per paragraph, heading, list item or table row of the body. */
    static List<String> lines(String title, String summary, String bodyHtml) {
        List<String> lines = new ArrayList<>();
        lines.add("标题：" + (title == null ? "" : title.strip()));
        lines.add("概述：" + (summary == null ? "" : summary.strip()));
        String html = bodyHtml == null ? "" : bodyHtml
                .replaceAll("(?i)</t[dh]>", "$0 ")
                .replaceAll("(?i)<br\\s*/?>|</(p|h[1-6]|li|tr|caption|div|blockquote)>", "$0\u0000");
        for (String chunk : html.split("\u0000")) {
            String text = BodySanitizer.text(chunk);
            if (!text.isEmpty()) {
                lines.add(text);
            }
        }
        return lines;
    }
}
