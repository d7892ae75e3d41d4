package io.github.kcconsent.clientsettings;

import java.net.URI;
import java.util.Locale;

/**
 * The form a client's webhook URL must have: {@code https} (or {@code http} with the {@code allow-http} server
 * option), a host, no credentials and no fragment. Pure rules, no lookup: the settings validator checks a URL
 * with them when it is saved, and the webhook dispatcher's URL policy checks it with the same rules before
 * every attempt (then resolves the host and refuses internal addresses). They live here, below webhooks,
 * because the settings own what may be saved and webhooks depend on the settings, never the other way round.
 */
public final class WebhookUrlForm {

    /**
     * Where the {@code allow-http} server option lives: {@code --spi-kcconsent-webhook--jpa--allow-http}, the
     * scope of the webhook outbox SPI's {@code jpa} provider, which reads it for the dispatcher. The settings
     * mapper reads it from the same scope to refuse what the dispatcher would refuse. Named here as strings
     * because this package may not import the webhook package (webhooks import the settings); a webhook test
     * pins them to the webhook SPI's name and provider id.
     */
    public static final String OPTION_SPI = "kcconsent-webhook";
    public static final String OPTION_PROVIDER = "jpa";
    public static final String ALLOW_HTTP_OPTION = "allow-http";

    private WebhookUrlForm() {
    }

    /** Returns the URI when its form is allowed; throws {@link IllegalArgumentException} saying why not. */
    public static URI check(String url, boolean allowHttp) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException("only https webhook URLs are allowed");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL needs a host and must carry no credentials or fragment");
        }
        return uri;
    }

    /**
     * As {@link #check}, for a base URI that paths are appended to (the Open Finance webhook base URI): no query
     * either, since a path appended after it would land in the query.
     */
    public static URI checkBase(String url, boolean allowHttp) {
        URI uri = check(url, allowHttp);
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("a base URI must carry no query");
        }
        return uri;
    }
}
