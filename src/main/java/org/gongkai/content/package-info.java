/** Documents and their editions: metadata, sanitised rich-text bodies, department scoping, drafting and preview. */
package org.gongkai.content;
