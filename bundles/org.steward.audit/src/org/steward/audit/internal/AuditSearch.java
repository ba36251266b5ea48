package org.steward.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.steward.audit.AuditChain;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.persistence.Transactions;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/** Reads committed entries: pages of a query, the latest entry. */
final class AuditSearch {

    private final Transactions tx;

    AuditSearch(Transactions tx) {
        this.tx = tx;
    }

    AuditPage query(AuditQuery query) {
        return tx.read(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<AuditRecord> cq = cb.createQuery(AuditRecord.class);
            Root<AuditRecord> r = cq.from(AuditRecord.class);
            List<Predicate> where = new ArrayList<>();
            query.person().ifPresent(p -> where.add(cb.equal(r.get("personId"), p.toString())));
            query.actorId().ifPresent(a -> where.add(cb.equal(r.get("actorId"), a)));
            query.action().ifPresent(a -> where.add(cb.equal(r.get("action"), a)));
            query.targetModule().ifPresent(m -> where.add(cb.equal(r.get("targetModule"), m)));
            query.targetType().ifPresent(t -> where.add(cb.equal(r.get("targetType"), t)));
            query.targetId().ifPresent(i -> where.add(cb.equal(r.get("targetId"), i)));
            query.from().ifPresent(f -> where.add(cb.ge(r.get("timeMicros"), AuditChain.toMicros(f))));
            query.to().ifPresent(t -> where.add(cb.lt(r.get("timeMicros"), AuditChain.toMicros(t))));
            boolean newestFirst = query.order() == AuditQuery.Order.NEWEST_FIRST;
            if (query.after().isPresent()) {
                long after = query.after().getAsLong();
                where.add(newestFirst ? cb.lt(r.get("seq"), after) : cb.gt(r.get("seq"), after));
            }
            cq.select(r).where(where.toArray(Predicate[]::new))
                    .orderBy(newestFirst ? cb.desc(r.get("seq")) : cb.asc(r.get("seq")));
            List<AuditRecord> rows = em.createQuery(cq).setMaxResults(query.limit() + 1).getResultList();
            boolean more = rows.size() > query.limit();
            List<AuditEntry> entries = rows.stream().limit(query.limit()).map(AuditRecord::toEntry).toList();
            return new AuditPage(entries,
                    more ? OptionalLong.of(entries.get(entries.size() - 1).seq()) : OptionalLong.empty());
        });
    }

    Optional<AuditEntry> latest() {
        return tx.read(em -> em.createQuery("SELECT r FROM AuditRecord r ORDER BY r.seq DESC", AuditRecord.class)
                .setMaxResults(1).getResultList().stream().findFirst().map(AuditRecord::toEntry));
    }
}
