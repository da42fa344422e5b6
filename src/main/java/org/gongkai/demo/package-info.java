/** Demo data that spans features: seeders that run after every feature's own demo data (demo profile only). */
package org.gongkai.demo;
