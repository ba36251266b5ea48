package org.steward.contacts.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The personal fields of a contact as one text to seal: one ciphertext per contact instead of one per field keeps the
 * row narrow and costs one encryption. Only fields with a value are written; every card field is present, perhaps null,
 * after decoding. A card that cannot be opened (the person's key was shredded) reads as {@code [erased]} throughout.
 */
final class Card {

    /** Why values that fit their fields one by one are refused together. */
    static final String TOO_LONG = "the personal fields together are too long to store";
    /**
     * The longest encoded card that fits {@code CONTACTS_CONTACT.CARD} (12,000 characters) once sealed: the sealed
     * form is Base64 (4/3) of the text and 34 bytes of header, nonce and tag. The encoding escapes every byte
     * beyond ASCII as {@code %XX}, so a card of Chinese names and addresses grows three times its UTF-8 size.
     */
    private static final int MAX_ENCODED = 8_900;

    private Card() {
    }

    /** Whether the card of these values can be stored. */
    static boolean fits(Map<String, String> values) {
        // a char encodes to at most 9 (three %XX of UTF-8; a surrogate pair's 4 bytes make 12 for 2 chars), a field
        // adds its key (up to 2), '=' and '&': most cards are shown to fit without encoding them
        long bound = 0;
        for (String field : BuiltInFields.CARD_FIELDS) {
            String value = values.get(field);
            if (value != null) {
                bound += 9L * value.length() + 4;
            }
        }
        return bound <= MAX_ENCODED || encode(values).length() <= MAX_ENCODED;
    }

    /** Fields are keyed by their position in {@link BuiltInFields#CARD_FIELDS}: shorter rows than names would make. */
    static String encode(Map<String, String> values) {
        Map<String, String> present = new LinkedHashMap<>();
        for (int i = 0; i < BuiltInFields.CARD_FIELDS.size(); i++) {
            String value = values.get(BuiltInFields.CARD_FIELDS.get(i));
            if (value != null) {
                present.put(Integer.toString(i, Character.MAX_RADIX), value);
            }
        }
        return SourceCodec.encode(present);
    }

    static Map<String, String> decode(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> stored = text == null ? Map.of() : SourceCodec.decode(text);
        boolean erased = Sealing.ERASED.equals(text);
        for (int i = 0; i < BuiltInFields.CARD_FIELDS.size(); i++) {
            values.put(BuiltInFields.CARD_FIELDS.get(i), erased ? Sealing.ERASED
                    : stored.get(Integer.toString(i, Character.MAX_RADIX)));
        }
        return values;
    }
}
