/**
 * The review-before-publish workflow (先审查、后公开): the edition state machine, confidentiality review and approval records,
 * scheduling, force publication, withdrawal and unpublishing. Every transition is one action with its guard.
 */
package org.gongkai.workflow;
