package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The blind indexes of a contact's identifiers (e-mail, phone, mobile), computed once per contact: the duplicate
 * check, the erasure blocklist and the stored tokens all use them, and each costs a normalisation and an HMAC.
 */
record Identifiers(String email, String phone, String mobile) {

    static Identifiers of(Sealing sealing, Map<String, String> values) {
        return new Identifiers(sealing.emailIndex(values.get("email")), sealing.phoneIndex(values.get("phone")),
                sealing.phoneIndex(values.get("mobile")));
    }

    /** The indexes there are, for the blocklist. */
    List<String> present() {
        List<String> indexes = new ArrayList<>(3);
        for (String index : new String[] { email, phone, mobile }) {
            if (index != null) {
                indexes.add(index);
            }
        }
        return indexes;
    }
}
