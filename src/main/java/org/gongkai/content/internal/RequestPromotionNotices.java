package org.gongkai.content.internal;

import java.util.List;

import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.requests.RequestPromotionRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 条例第44条: when the office promotes a replied request to proactive disclosure, the clerks of the department that holds the
 * information are asked to publish it; their notice opens a new item prefilled with its name. The clerk chooses the column
 * and writes the body, and the item goes through review like any other. A department without clerks passes to its reviewers.
 */
@Component
class RequestPromotionNotices {

    private final IdentityManagement identity;
    private final Notifications notifications;

    RequestPromotionNotices(IdentityManagement identity, Notifications notifications) {
        this.identity = identity;
        this.notifications = notifications;
    }

    @EventListener
    void promoted(RequestPromotionRequested event) {
        List<Long> recipients = event.departmentId() == null ? List.of()
                : identity.accountIdsWithRoleIn(Role.CLERK, event.departmentId());
        if (recipients.isEmpty() && event.departmentId() != null) {
            recipients = identity.accountIdsWithRoleCovering(Role.REVIEWER, event.departmentId());
        }
        String link = UriComponentsBuilder.fromPath("/admin/documents/new").queryParam("fromRequest", event.requestNumber())
                .encode().build().toUriString();
        notifications.notify(recipients, "请主动公开：" + event.title(),
                "申请编号 " + event.requestNumber() + " 所申请的信息已决定转为主动公开（条例第四十四条）。申请内容：" + event.description(), link);
    }
}
