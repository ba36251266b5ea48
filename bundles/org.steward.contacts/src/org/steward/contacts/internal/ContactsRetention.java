package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.JdbcTransactions;

/**
 * The retention participant of module {@code contacts}: inactive leads age out into the recycle bin, and the recycle
 * bin is emptied after its period. A restricted person's records stay (Art. 18: storage goes on).
 */
@Component(service = RetentionParticipant.class,
        property = { RetentionParticipant.MODULE_PROPERTY + "=" + Contacts.MODULE })
public final class ContactsRetention implements RetentionParticipant {

    static final String LEADS_INACTIVE = "leads-inactive";
    /** A condition on a row aliased {@code t}: its person holds no restriction lock. */
    private static final String UNRESTRICTED = "NOT EXISTS (SELECT 1 FROM " + ContactsModule.LOCKS.table()
            + " r WHERE r.PERSON_ID = t.PERSON_ID)";

    private final JdbcTransactions db;
    private final Clock clock;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ContactsRetention(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
    }

    @Override
    public String module() {
        return Contacts.MODULE;
    }

    @Override
    public List<RetentionCategory> categories() {
        return List.of(new RetentionCategory(LEADS_INACTIVE, "Leads without activity (no call, mail or change) and "
                + "not converted to a contact", RetentionCategory.Action.RECYCLE, 24));
    }

    @Override
    public RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor) {
        if (!LEADS_INACTIVE.equals(category)) {
            throw new ValidationException("category", "is not a retention category of contacts: " + category);
        }
        access.require(actor, Operation.DELETE, Contacts.MODULE, Optional.empty());
        List<String> ids = db.write(c -> {
            List<String> due = ids(c, "SELECT t.ID FROM CONTACTS_LEAD t WHERE t.DELETED_AT IS NULL AND "
                    + "t.CONVERTED_TO IS NULL AND " + UNRESTRICTED + " AND t.LAST_ACTIVITY_AT < ?",
                    cutoff.toEpochMilli());
            if (!dryRun) {
                for (String id : due) {
                    JdbcTransactions.update(c, "UPDATE CONTACTS_LEAD SET DELETED_AT = ? WHERE ID = ?",
                            clock.millis(), id);
                }
            }
            return due;
        });
        if (!dryRun) {
            audit.append(AuditEvent.builder(actor, "contacts.retention.expire").target(Contacts.MODULE, "lead")
                    .details(ids.size() + " inactive leads moved to the recycle bin (cutoff " + cutoff + ")").build());
        }
        return new RetentionResult(Contacts.MODULE, category, ids.size(), ids.stream().limit(1000).toList(), dryRun);
    }

    @Override
    public RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor) {
        access.require(actor, Operation.DELETE, Contacts.MODULE, Optional.empty());
        long before = deletedBefore.toEpochMilli();
        List<String> ids = db.write(c -> {
            List<String> contactIds = ids(c, "SELECT t.ID FROM CONTACTS_CONTACT t WHERE t.DELETED_AT < ? AND "
                    + UNRESTRICTED, before);
            List<String> leadIds = ids(c, "SELECT t.ID FROM CONTACTS_LEAD t WHERE t.DELETED_AT < ? AND "
                    + UNRESTRICTED, before);
            List<String> companyIds = ids(c, "SELECT ID FROM CONTACTS_COMPANY WHERE DELETED_AT < ?", before);
            if (!dryRun) {
                for (String id : contactIds) {
                    ContactStore.deleteForGood(c, id);
                }
                for (String id : leadIds) {
                    JdbcTransactions.update(c, "DELETE FROM CONTACTS_SOURCE WHERE OWNER_ID = ?", id);
                    JdbcTransactions.update(c, "DELETE FROM CONTACTS_LEAD WHERE ID = ?", id);
                }
                for (String id : companyIds) {
                    JdbcTransactions.update(c, "DELETE FROM CONTACTS_COMPANY WHERE ID = ?", id);
                }
            }
            List<String> all = new ArrayList<>(contactIds);
            all.addAll(leadIds);
            all.addAll(companyIds);
            return all;
        });
        if (!dryRun) {
            audit.append(AuditEvent.builder(actor, "contacts.retention.purge").target(Contacts.MODULE, "contact")
                    .details(ids.size() + " records deleted for good from the recycle bin").build());
        }
        return new RetentionResult(Contacts.MODULE, RetentionResult.RECYCLE_BIN, ids.size(),
                ids.stream().limit(1000).toList(), dryRun);
    }

    private static List<String> ids(Connection c, String sql, Object... values) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, sql, values); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
