package org.steward.contacts.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Source details as {@code key=value&...} text (URL-encoded), stored encrypted: an IP or user agent is personal. */
final class SourceCodec {

    private SourceCodec() {
    }

    static String encode(Map<String, String> details) {
        StringBuilder text = new StringBuilder();
        details.forEach((k, v) -> {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
        });
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> details = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                details.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return details;
    }
}
