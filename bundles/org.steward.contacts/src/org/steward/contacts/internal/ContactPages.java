package org.steward.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordVisibility;
import org.steward.persistence.JdbcTransactions;

/**
 * Contacts page by page in creation order, with a keyset cursor (creation time and id of the last contact shown), so
 * a page costs the same at the millionth contact as at the first and a contact created meanwhile is not shown twice.
 * The visibility filter is part of the query; the read is audited like a search. Internal: the REST resource lists
 * through it until the contacts API has a list operation (a name-sorted list needs the in-memory index of issue 15).
 */
@Component(service = ContactPages.class)
public final class ContactPages {

    /** A page and the cursor after its last contact ({@code null} at the end). */
    public record Page(List<Contact> contacts, String next) {
    }

    private final JdbcTransactions db;
    private final ContactStore store;
    private final ContactViews views;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ContactPages(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.store = module.store();
        this.access = access;
        this.audit = audit;
        this.views = new ContactViews(db, store, module.fields(), access, audit);
    }

    public Page page(String cursor, int limit, Actor actor) {
        access.require(actor, Operation.READ, Contacts.MODULE, Optional.empty());
        RecordVisibility visibility = access.visibility(actor, Contacts.MODULE, ContactService.TYPE);
        if (visibility.nothing()) {
            return new Page(List.of(), null);
        }
        StringBuilder where = new StringBuilder("DELETED_AT IS NULL");
        List<Object> values = new ArrayList<>();
        if (cursor != null && !cursor.isBlank()) {
            long[] at = new long[1];
            String id = decode(cursor, at);
            where.append(" AND (CREATED_AT > ? OR (CREATED_AT = ? AND ID > ?))");
            values.add(at[0]);
            values.add(at[0]);
            values.add(id);
        }
        if (!visibility.allRecords()) {
            where.append(" AND (").append(ContactService.in("OWNER_USER_ID", visibility.ownerUserIds().size()))
                    .append(" OR ").append(ContactService.in("ID", visibility.sharedRecordIds().size())).append(")");
            values.addAll(visibility.ownerUserIds());
            values.addAll(visibility.sharedRecordIds());
        }
        List<StoredContact> found = db.write(c -> store.loadWhere(c, where.toString(), limit + 1, values.toArray()));
        FieldAccessPlan plan = views.plan(actor);
        List<Contact> page = found.stream().limit(limit).map(s -> ContactViews.mask(s, plan)).toList();
        String next = found.size() > limit ? encode(found.get(limit - 1)) : null;
        audit.append(AuditEvent.builder(actor, "contact.list").target(Contacts.MODULE, ContactService.TYPE)
                .fields(List.copyOf(plan.readable())).details(page.size() + " contacts listed").build());
        return new Page(page, next);
    }

    private static String encode(StoredContact last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + ":" + last.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, long[] createdAt) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            createdAt[0] = Long.parseLong(text.substring(0, colon));
            return java.util.UUID.fromString(text.substring(colon + 1)).toString();
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor of this list: start again without it");
        }
    }
}
