package org.gongkai.requests;

/** A request was replied to; its PDF letter is rendered after the reply commits. */
public record RequestReplied(long requestId, String number) {
}
