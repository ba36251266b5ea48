package org.steward.core.spi;

import java.util.Objects;

/**
 * A file a module adds to a person's export package in a format of its own domain (the contacts module's vCard), so
 * that the rights module, which assembles the package, needs to know no module's fields.
 *
 * @param name the file name inside the module's folder of the package ({@code contact.vcf}); letters, digits, '.',
 *            '-' and '_' only
 * @param mediaType its media type ({@code text/vcard})
 * @param content the bytes
 * @since 1.2
 */
public record ExportedFile(String name, String mediaType, byte[] content) {

    public ExportedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("an exported file name is letters, digits, '.', '-' and '_'");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
