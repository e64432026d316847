package dev.briefing.knowledge.ingest;

import java.net.URI;

/** Site names from addresses. */
final class Sites {

    private Sites() {
    }

    /** "www.example.com" for "https://www.example.com/a", without "www."; empty when not an address. */
    static String hostOf(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return "";
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
