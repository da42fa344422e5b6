/** Demo data that spans several features (public participation); depends on everything, nothing depends on it. */
package org.gongkai.demo;
