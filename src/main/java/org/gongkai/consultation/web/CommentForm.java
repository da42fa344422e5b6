package org.gongkai.consultation.web;

import org.gongkai.consultation.Consultations.CommentInput;

/** The public comment form; {@code website} is a honeypot field hidden from people. */
public record CommentForm(String name, String contact, String body, String website) {

    public static CommentForm empty() {
        return new CommentForm("", "", "", "");
    }

    CommentInput toInput() {
        return new CommentInput(name, contact, body, website);
    }
}
