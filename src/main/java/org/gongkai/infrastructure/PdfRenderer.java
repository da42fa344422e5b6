package org.gongkai.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A4 PDFs of Chinese documents (the annual report, request replies) laid out from XHTML by openhtmltopdf with an embedded
 * Chinese TrueType font. OpenType CFF fonts such as Noto CJK cannot be embedded by PDFBox, so a TrueType one is looked for:
 * {@code gongkai.reports.pdf-font}, else Debian's fonts-droid-fallback, fonts-arphic-gbsn00lp or fonts-wqy-microhei.
 * The PDFs are tagged (PDF/UA mode of openhtmltopdf): a structure tree, the title and the language {@code zh-CN}.
 */
@Component
public class PdfRenderer {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PdfRenderer.class);

    private static final List<String> FONT_CANDIDATES = List.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    /**
     * A Latin TrueType font for digits and Latin letters, which the Chinese fallback fonts may lack: a tagged (PDF/UA) document
     * may not fall back to the non-embedded standard fonts, so without it digits would be dropped.
     */
    private static final List<String> LATIN_CANDIDATES = List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf");

    private static final String BASE_CSS = "@page { size: A4; margin: 20mm 16mm; @bottom-center { content: counter(page);"
            + " font-family: latin, cjk; font-size: 9pt; } } body { font-family: latin, cjk; font-size: 11pt; line-height: 1.6; }"
            + " h1 { font-size: 18pt; text-align: center; margin: 0 0 12pt; } h2 { font-size: 13pt; margin: 14pt 0 6pt; }"
            + " p { margin: 0 0 4pt; }";

    private final String configuredFont;

    PdfRenderer(@Value("${gongkai.reports.pdf-font:}") String configuredFont) {
        this.configuredFont = configuredFont;
    }

    /** The font PDFs embed, if this machine has one. */
    public Optional<Path> font() {
        List<String> candidates = new ArrayList<>();
        if (!configuredFont.isBlank()) {
            candidates.add(configuredFont);
        }
        candidates.addAll(FONT_CANDIDATES);
        return candidates.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }

    /**
     * A PDF of a title and a well-formed XHTML body (escape every text yourself, without named entities such as
     * {@code &ldquo;}), with extra CSS; empty when no Chinese TrueType font is installed or the body cannot be laid out.
     */
    public Optional<byte[]> render(String title, String xhtmlBody, String css) {
        Optional<Path> font = font();
        if (font.isEmpty()) {
            return Optional.empty();
        }
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"/><title>" + HtmlUtils.htmlEscape(title, "UTF-8")
                + "</title><style>" + BASE_CSS + css + "</style></head><body><h1>" + HtmlUtils.htmlEscape(title, "UTF-8") + "</h1>"
                + xhtmlBody + "</body></html>";
        // the embeddable fallback fonts lack the single angle quotes 〈〉
        html = html.replace('〈', '《').replace('〉', '》');
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            // a tagged PDF (PDF/UA): structure tree, document title and language, so that screen readers read it in order
            builder.usePdfUaAccessbility(true);
            LATIN_CANDIDATES.stream().map(Path::of).filter(Files::isReadable).findFirst()
                    .ifPresent(latin -> builder.useFont(latin.toFile(), "latin"));
            builder.useFont(font.get().toFile(), "cjk");
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return Optional.of(out.toByteArray());
        } catch (IOException | RuntimeException e) {
            // a document that cannot be laid out must not stop the reply or the report that carries it
            log.warn("PDF could not be laid out: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
