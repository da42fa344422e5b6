package org.gongkai.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionView;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The text check before publication (严重错误, 国办秘函〔2019〕19号): the office's list of wrongly written names, titles,
 * formal expressions and words is run over an edition's title and body; the editor and the reviewer see the flags, and a
 * reviewer passes an edition with flags only with a note saying why, kept with the round.
 */
@Service
public class TextCheckGate {

    private final ContentManagement content;
    private final TextScan texts;
    private final JdbcTemplate jdbc;

    TextCheckGate(ContentManagement content, TextScan texts, JdbcTemplate jdbc) {
        this.content = content;
        this.texts = texts;
        this.jdbc = jdbc;
    }

    /** The flags of an edition's current title and body. */
    @Transactional(readOnly = true)
    public List<TextScan.Flag> flags(long editionId) {
        EditionView view = content.view(editionId);
        return texts.scan(view.title(), view.bodyHtml());
    }

    /** Refuses a pass over flags without a note; records the note with the review round otherwise. */
    @Transactional
    public void accept(long editionId, int round, String note, long reviewerId, Instant at) {
        List<TextScan.Flag> flags = flags(editionId);
        if (flags.isEmpty()) {
            return;
        }
        if (note == null || note.isBlank()) {
            throw new RuleViolation("textCheckNote", "review.error.textCheck");
        }
        jdbc.update("""
                insert into text_check_acceptance (edition_id, round, flags, note, reviewer_id, accepted_at) values (?, ?, ?, ?, ?, ?)
                on conflict (edition_id, round) do update set flags = excluded.flags, note = excluded.note,
                    reviewer_id = excluded.reviewer_id, accepted_at = excluded.accepted_at""",
                editionId, round, flags.size(), note.strip(), reviewerId, Timestamp.from(at));
    }
}
