package org.gongkai.tables;

/** A template in the list: its latest version number, how many columns that has and how many tables use the template. */
public record TemplateSummary(long id, String name, String description, int latestVersion, int columnCount, int tableCount) {
}
