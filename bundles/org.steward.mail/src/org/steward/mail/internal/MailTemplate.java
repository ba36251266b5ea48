package org.steward.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One translation of a template as written in its file {@code <name>/<language>.txt}: a first line
 * {@code Subject: ...}, an empty line, then the plain-text body with {@code {{placeholders}}}.
 */
record MailTemplate(String subject, String body) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

    /** Reads a template file; the message of the exception names the file, never its content. */
    static MailTemplate read(URL file, String path) throws IOException {
        try (InputStream in = file.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        }
    }

    static MailTemplate parse(String content, String path) throws IOException {
        String text = content.replace("\r\n", "\n");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int end = text.indexOf('\n');
        if (!text.startsWith("Subject:") || end < 0) {
            throw new IOException(path + " does not start with a Subject: line");
        }
        return new MailTemplate(text.substring("Subject:".length(), end).strip(), text.substring(end + 1).strip()
                + "\n");
    }

    Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : List.of(subject, body)) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
