/**
 * Public participation on draft decisions (意见征集: the draft, its 起草说明, a comment window, comments kept for the department,
 * the 意见采纳情况反馈) and the published replies to 人大代表建议 and 政协委员提案 (建议提案办理结果).
 */
package org.gongkai.consultation;
