/** Information-disclosure requests (依申请公开): intake, the statutory working-day clock, replies, tracking and statistics. */
package org.gongkai.requests;
