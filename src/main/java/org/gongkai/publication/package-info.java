/**
 * The public read model: immutable snapshots of published editions (already sanitised and masked), index numbers (索引号),
 * withdrawal and unpublishing, and the Chinese search over what is published. Public pages read only this.
 */
package org.gongkai.publication;
