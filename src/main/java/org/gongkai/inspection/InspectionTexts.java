package org.gongkai.inspection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The self-check's texts (keys under {@code inspection.check.}) and the console links its findings point to. */
@Component
class InspectionTexts {

    private final MessageSource messages;

    InspectionTexts(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... args) {
        return messages.getMessage("inspection.check." + key, args, Locale.SIMPLIFIED_CHINESE);
    }

    /** The console's list of the office's documents, filtered by a title. */
    static String documents(String title) {
        return "/admin/documents?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8);
    }
}
