package org.gongkai.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Refuses archive bombs among ZIP-based uploads (ZIP, DOCX, XLSX, ODT, ODS) before anything parses them. The entries are
 * inflated the way the personal-data scanner's reader (Apache POI) inflates them, without keeping the bytes, and the walk
 * stops at the first limit passed: more entries than POI accepts, an entry that inflates more than POI's ratio once past its
 * grace size, or more unpacked bytes in all than {@code maxUnpackedBytes}. A file that is no readable ZIP passes here: the
 * scanner then reports it as unreadable.
 */
final class ArchiveLimits {

    /** The limit that a file passed. */
    /**
     * POI's default minimum inflate ratio, fixed here: ZipSecureFile's value is a JVM-wide setting that a library may lower
     * (Tika's parsers, loaded to read attachment text for search, do), which let a ZIP bomb through.
     */
    static final double MIN_INFLATE_RATIO = 0.01;

    enum Breach {
        TOO_MANY_ENTRIES, RATIO, TOTAL_SIZE
    }

    private ArchiveLimits() {
    }

    /** The first limit the archive passes, or null when it stays within all of them (or is no readable ZIP). */
    static Breach check(byte[] zip, long maxUnpackedBytes) {
        long entries = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8.name(),
                true, true)) {
            ZipArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > ZipSecureFile.getMaxFileCount()) {
                    return Breach.TOO_MANY_ENTRIES;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long unpacked = 0;
                int n;
                while ((n = read(in, buffer)) > 0) {
                    unpacked += n;
                    total += n;
                    if (total > maxUnpackedBytes) {
                        return Breach.TOTAL_SIZE;
                    }
                    if (unpacked > ZipSecureFile.getGraceEntrySize()
                            && (double) in.getCompressedCount() / unpacked < MIN_INFLATE_RATIO) {
                        return Breach.RATIO;
                    }
                }
            }
        } catch (IOException | RuntimeException notAZip) {
            return null;
        }
        return null;
    }

    private static int read(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer, 0, buffer.length);
    }
}
