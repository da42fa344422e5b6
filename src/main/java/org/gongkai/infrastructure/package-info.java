/**
 * Cross-cutting plumbing: database choice at start-up, clock, request ids, locale, error pages, the signal of public changes
 * between nodes, the readiness gate and the operator's endpoints.
 */
package org.gongkai.infrastructure;
