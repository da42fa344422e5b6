/** 政民互动 and 满意度评价: citizens' questions answered by the departments within working-day limits, reviewed before they are public, FAQ entries, and page ratings. */
package org.gongkai.interaction;
