package org.gongkai.console;

import org.gongkai.identity.AccountNotice;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Puts identity's account notices (password reset, second factor reset, requests to approve) into the recipients' inboxes. */
@Component
class AccountNotices {

    private final Notifications notifications;

    AccountNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(AccountNotice notice) {
        if (!notice.recipients().isEmpty()) {
            notifications.notify(notice.recipients(), notice.title(), notice.body(), notice.link());
        }
    }
}
