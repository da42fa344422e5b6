/** The append-only, hash-chained audit trail: every login, permission change, state transition and export of personal data. */
package org.gongkai.audit;
