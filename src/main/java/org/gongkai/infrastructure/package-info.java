/**
 * Cross-cutting plumbing: database choice at start-up, clock and zone, request ids, locale, error pages, the signal of public
 * changes between nodes, the readiness gate and the operator's endpoints. An open module: every feature may use it; it uses none.
 */
@ApplicationModule(displayName = "Infrastructure", type = ApplicationModule.Type.OPEN)
package org.gongkai.infrastructure;

import org.springframework.modulith.ApplicationModule;
