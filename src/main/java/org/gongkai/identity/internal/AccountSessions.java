package org.gongkai.identity.internal;

import org.gongkai.identity.IdentityManagement.SessionsToEnd;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends every session of an account after an administrator changed its password, enabled state, roles or second factor, so
 * that the change holds at once on every node (sessions live in PostgreSQL): a disabled account or a revoked role does not
 * survive in a session that was opened before.
 */
@Component
class AccountSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    AccountSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    @TransactionalEventListener
    void on(SessionsToEnd event) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(event.username()).keySet().forEach(repository::deleteById);
        }
    }
}
