package dev.parley.control.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list: the items, the total that match, and for cursor paging the cursor of the next
 * page (null on the last page).
 */
@Serdeable
public record PageView<T>(
    List<T> items, long total, int offset, int limit, @Nullable String nextCursor) {}
