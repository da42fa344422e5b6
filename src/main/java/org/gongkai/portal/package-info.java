/** The public site: home, catalogue, item pages, search, feeds; it reads only publication snapshots. */
package org.gongkai.portal;
