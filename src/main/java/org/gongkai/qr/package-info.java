/** QR codes for service halls and notice boards: short links, scan counts per day, PNG/SVG images and printable posters. */
package org.gongkai.qr;
