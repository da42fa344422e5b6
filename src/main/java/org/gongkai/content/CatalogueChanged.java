package org.gongkai.content;

/** Published after a change to the catalogue tree or code lists, so that cached public pages are rebuilt. */
public record CatalogueChanged(String code) {
}
