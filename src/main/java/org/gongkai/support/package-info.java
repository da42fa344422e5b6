/** Small value types shared by several features (credit codes, index numbers). */
package org.gongkai.support;
