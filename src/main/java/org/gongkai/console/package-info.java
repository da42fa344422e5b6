/** The admin console's start page (工作台), showing each signed-in user what waits for them. */
package org.gongkai.console;
