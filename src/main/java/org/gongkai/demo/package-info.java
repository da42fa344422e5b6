/** Demo data that spans features, seeded through each feature's public API (demo profile only); nothing depends on it. */
package org.gongkai.demo;
