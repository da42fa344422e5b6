/** 网站自查: the site's daily self-check against 《政府网站与政务新媒体检查指标》 (国办秘函〔2019〕19号), column cadence reminders, the link crawl, text checks and the quarterly inspection report. */
package org.gongkai.inspection;
