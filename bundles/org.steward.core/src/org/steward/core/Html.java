package org.steward.core;

/**
 * Text for HTML: the one escaper of pages, mail bodies and rights summaries, so that a value a person typed (a name, a
 * ticket text) is shown as text and never runs as markup.
 *
 * @since 1.2
 */
public final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute value: {@code < > & " '} as character references. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
