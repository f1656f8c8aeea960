package dev.blobpipe.catalog;

import java.util.List;

/**
 * A page of a listing, in byte order of keys and common prefixes together. {@code lastEntry} is the last key or
 * common prefix on the page (null for an empty page): the next page starts after it.
 */
public record ListPage(List<ListedObject> objects, List<String> commonPrefixes, boolean truncated, String lastEntry) {
    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
