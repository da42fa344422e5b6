package org.gongkai.interaction.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gongkai.interaction.QuestionTopic;
import org.gongkai.interaction.Questions.AskCommand;

/**
 * The public question form. {@code website} is a honeypot: hidden from people (and from screen readers), filled in only by
 * robots that fill every field; a form that carries it is refused.
 */
public record QuestionForm(
        @NotBlank(message = "{question.error.topic}") @Pattern(regexp = "|MEDICAL|DISEASE|MATERNAL|SUPERVISION|POLICY|OTHER", message = "{question.error.topic}") String topic,
        @NotBlank(message = "{question.error.title}") @Size(max = 100, message = "{question.error.titleLength}") String title,
        @NotBlank(message = "{question.error.body}") @Size(max = 2000, message = "{question.error.bodyLength}") String body,
        @Size(max = 50, message = "{question.error.askerNameLength}") String askerName,
        @NotBlank(message = "{question.error.contact}") @Size(max = 100, message = "{question.error.contactLength}") String contact,
        @NotBlank(message = "{question.error.mayPublish}") @Pattern(regexp = "|YES|NO", message = "{question.error.mayPublish}") String mayPublish,
        @Size(max = 40) String related,
        String website) {

    public static QuestionForm empty(String related) {
        return new QuestionForm("", "", "", "", "", "", related, "");
    }

    public boolean robot() {
        return website != null && !website.isEmpty();
    }

    public AskCommand toCommand() {
        return new AskCommand(QuestionTopic.parse(topic), trim(title), trim(body), trim(askerName), trim(contact),
                "YES".equals(mayPublish), related == null || related.isBlank() ? null : related.strip());
    }

    private static String trim(String text) {
        return text == null ? null : text.strip();
    }
}
