package org.gongkai.publication;

import java.io.ByteArrayInputStream;

import org.apache.tika.Tika;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The text of a published attachment (PDF, DOCX, XLSX, ODT, plain text …) for search, read with Apache Tika's standard
 * parsers once, when the file is first published (kept in {@code published_file.text}). A file Tika cannot read has no text
 * (an empty string), which is also remembered: nothing is parsed twice.
 */
@Component
class AttachmentText {

    /** Characters kept per file; a longer text is cut (a search over its first 200,000 characters is enough). */
    static final int MAX_CHARS = 200_000;
    private static final Logger log = LoggerFactory.getLogger(AttachmentText.class);

    /** Tika's parsers are found and configured on first use (about a second), not while the application starts. */
    private static final class Parsers {
        static final Tika TIKA = new Tika();
    }

    String extract(String filename, String mediaType, byte[] content) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        try {
            String text = Parsers.TIKA.parseToString(new ByteArrayInputStream(content), metadata, MAX_CHARS);
            // PostgreSQL text holds no NUL; runs of blank lines carry nothing for search
            return text == null ? "" : text.replace('\u0000', ' ').replaceAll("\\s*\\n\\s*", "\n").strip();
        } catch (Exception | LinkageError | StackOverflowError e) {
            // the file name may name a person: only the media type and the failure's kind are logged
            log.info("no text extracted from a published {} attachment: {}", mediaType, e.getClass().getSimpleName());
            return "";
        }
    }
}
