/**
 * Reporting: the compliance dashboard of periodic disclosure obligations (from the 公开事项标准目录 and the working-day
 * calendar) and the 政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号.
 */
package org.gongkai.reporting;
