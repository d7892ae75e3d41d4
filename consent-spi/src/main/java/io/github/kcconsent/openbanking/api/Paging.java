package io.github.kcconsent.openbanking.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The spec's paging ({@code page} from 1, {@code page-size} 25 to 1000, default 25). A page size under 25 is
 * read as 25, as the spec tells the server to; anything unparsable or out of range is a 400.
 */
public record Paging(int page, int pageSize) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MIN_SIZE = 25;
    public static final int MAX_SIZE = 1000;

    public static Paging parse(String page, String pageSize) {
        int p = number("page", page, 1);
        int size = number("page-size", pageSize, DEFAULT_SIZE);
        if (p < 1) {
            throw ApiError.invalid("page", "deve ser um número inteiro a partir de 1");
        }
        if (size > MAX_SIZE) {
            throw ApiError.invalid("page-size", "deve ser no máximo " + MAX_SIZE);
        }
        return new Paging(p, Math.max(size, MIN_SIZE));
    }

    /** 0-based offset of the page's first item; long, as page × size can exceed an int. */
    public long first() {
        return (long) (page - 1) * pageSize;
    }

    /** At least 1: an empty list is still one (empty) page. */
    public long totalPages(long total) {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    /**
     * {@code self} always; {@code first} and {@code prev} when not on the first page; {@code next} and
     * {@code last} when not on the last one (the spec makes each "required" in exactly those cases).
     *
     * @param url builds the link for (page, page-size)
     */
    public Map<String, Object> links(long total, BiFunction<Integer, Integer, String> url) {
        long last = totalPages(total);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", url.apply(page, pageSize));
        if (page > 1) {
            links.put("first", url.apply(1, pageSize));
            links.put("prev", url.apply((int) Math.min(page - 1, last), pageSize));
        }
        if (page < last) {
            links.put("next", url.apply(page + 1, pageSize));
            links.put("last", url.apply((int) last, pageSize));
        }
        return links;
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "deve ser um número inteiro");
        }
    }
}
