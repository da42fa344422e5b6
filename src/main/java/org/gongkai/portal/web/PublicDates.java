package org.gongkai.portal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Formats dates for public pages in the configured zone; templates call it as {@code @dates}. */
@Component("dates")
public class PublicDates {

    private final ZoneId zone;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    PublicDates(ZoneId zone) {
        this.zone = zone;
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(zone));
    }

    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public String chineseDay(LocalDate date) {
        return date == null ? "" : CHINESE_DAY.format(date);
    }

    /** A file size for people: 字节, KB or MB. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return "%.1f KB".formatted(bytes / 1024.0);
        }
        return "%.1f MB".formatted(bytes / 1024.0 / 1024.0);
    }

    /** A short name of a media type: PDF, Word, Excel … */
    public String kind(String mediaType) {
        if (mediaType == null) {
            return "文件";
        }
        return switch (mediaType) {
            case "application/pdf" -> "PDF";
            case "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "Word";
            case "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "Excel";
            case "text/csv" -> "CSV";
            case "image/png" -> "PNG 图片";
            case "image/jpeg" -> "JPG 图片";
            case "application/zip" -> "ZIP 压缩包";
            case "application/vnd.oasis.opendocument.text" -> "ODT";
            case "application/vnd.oasis.opendocument.spreadsheet" -> "ODS";
            default -> "文件";
        };
    }
}
