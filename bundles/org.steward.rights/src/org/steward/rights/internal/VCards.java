package org.steward.rights.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.steward.core.spi.ExportedRecord;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.StructuredName;

/**
 * The contact card (vCard 4.0, RFC 6350) from the contacts module's exported {@code contact} records, by the field
 * names of the contacts catalogue ({@code firstName}, {@code lastName}, {@code email}, {@code phone}, {@code mobile},
 * {@code address.*}, {@code birthDate}, {@code language}).
 */
final class VCards {

    static final String CONTACTS = "contacts";

    private VCards() {
    }

    static Optional<byte[]> contactCard(List<ModuleData> modules) {
        List<ExportedRecord> contacts = modules.stream().filter(m -> m.module().equals(CONTACTS))
                .flatMap(m -> m.records().stream()).filter(r -> r.type().equals("contact")).toList();
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        List<VCard> cards = contacts.stream().map(r -> card(Values.flatten(r.fields()))).toList();
        return Optional.of(Ezvcard.write(cards).version(VCardVersion.V4_0).prodId(false).go()
                .getBytes(StandardCharsets.UTF_8));
    }

    private static VCard card(Map<String, Object> fields) {
        VCard card = new VCard();
        String first = text(fields, "firstName");
        String last = text(fields, "lastName");
        StructuredName name = new StructuredName();
        name.setGiven(first);
        name.setFamily(last);
        card.setStructuredName(name);
        String formatted = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        String email = text(fields, "email");
        card.setFormattedName(formatted.isEmpty() ? (email == null ? "" : email) : formatted);
        if (email != null) {
            card.addEmail(email);
        }
        String phone = text(fields, "phone");
        if (phone != null) {
            card.addTelephoneNumber(phone, TelephoneType.VOICE);
        }
        String mobile = text(fields, "mobile");
        if (mobile != null) {
            card.addTelephoneNumber(mobile, TelephoneType.CELL);
        }
        Address address = new Address();
        address.setStreetAddress(text(fields, "address.street"));
        address.setPostalCode(text(fields, "address.postalCode"));
        address.setLocality(text(fields, "address.city"));
        address.setRegion(text(fields, "address.region"));
        address.setCountry(text(fields, "address.country"));
        if (address.getStreetAddress() != null || address.getLocality() != null || address.getPostalCode() != null
                || address.getCountry() != null) {
            card.addAddress(address);
        }
        String birthDate = text(fields, "birthDate");
        if (birthDate != null) {
            try {
                card.setBirthday(new Birthday(LocalDate.parse(birthDate)));
            } catch (DateTimeParseException e) {
                card.setBirthday(new Birthday(birthDate));
            }
        }
        String language = text(fields, "language");
        if (language != null) {
            card.addLanguage(language);
        }
        return card;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        String text = value == null ? null : Values.text(value).strip();
        return text == null || text.isEmpty() ? null : text;
    }
}
