package org.steward.contacts.internal;

import java.util.List;
import java.util.Map;

import org.steward.contacts.DataSource;
import org.steward.contacts.PurposeBasis;
import org.steward.core.PersonId;

/** A contact as stored, decrypted: values by field name (custom fields included). Never leaves the bundle. */
record StoredContact(String id, PersonId person, Map<String, String> values, boolean restricted,
        List<DataSource> sources, List<PurposeBasis> bases, long createdAt, long updatedAt, Long deletedAt,
        String mergedInto) {

    String owner() {
        return values.get(BuiltInFields.OWNER);
    }
}
