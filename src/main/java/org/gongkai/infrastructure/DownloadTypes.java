package org.gongkai.infrastructure;

import java.util.Locale;
import java.util.Set;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The Content-Type of a file sent as a download ({@code Content-Disposition: attachment}): its real type, so that Word,
 * Excel and SVG files open in the right program, except types a browser would run as a page of this site (HTML, XHTML,
 * plain XML, scripts), which go out as {@code application/octet-stream}. Callers add {@code nosniff} and, for stored
 * files, a sandboxing Content-Security-Policy.
 */
public final class DownloadTypes {

    public static final MediaType DOCX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "text/xml", "application/xml",
            "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript");

    private DownloadTypes() {
    }

    public static MediaType of(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType type = MediaType.parseMediaType(mediaType);
            String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
            return ACTIVE.contains(essence) || type.isWildcardType() || type.isWildcardSubtype()
                    ? MediaType.APPLICATION_OCTET_STREAM : type;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
