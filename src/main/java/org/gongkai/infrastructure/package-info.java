/** Cross-cutting plumbing: database choice at start-up, clock, request ids, locale, error pages. */
package org.gongkai.infrastructure;
