package org.steward.tickets;

import java.util.Arrays;

import org.steward.core.ValidationException;

/**
 * A file attached to a message. Name and content are stored encrypted under the requester's data key; the content
 * type and the size are stored in the clear. The size is limited by configuration.
 *
 * @param name the file name as sent (may be personal: "Passport Anna Nowak.pdf")
 * @param contentType the media type, e.g. {@code application/pdf}
 * @param content the bytes
 */
public record Attachment(String name, String contentType, byte[] content) {

    public Attachment {
        if (name == null || name.isBlank()) {
            throw new ValidationException("attachment.name", "is required");
        }
        if (name.length() > 255) {
            throw new ValidationException("attachment.name", "is longer than 255 characters");
        }
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
        if (contentType.length() > 200) {
            throw new ValidationException("attachment.contentType", "is longer than 200 characters");
        }
        if (content == null) {
            throw new ValidationException("attachment.content", "is required");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment a && a.name.equals(name) && a.contentType.equals(contentType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + contentType + ", " + content.length + " bytes]";
    }
}
