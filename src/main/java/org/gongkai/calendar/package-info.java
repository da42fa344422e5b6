/**
 * The working-day calendar (holidays and 调休 working days) on which the statutory time limits are counted: used by requests
 * (reply deadlines), workflow (review due dates) and reporting (obligation due dates).
 */
package org.gongkai.calendar;
