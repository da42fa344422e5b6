/** The working-day calendar (holidays and 调休 working days) on which the statutory time limits are counted. */
package org.gongkai.requests.calendar;
