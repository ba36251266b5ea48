package org.steward.contacts;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/** Companies (record type {@code company} of module {@code contacts}). */
@ProviderType
public interface Companies {

    Company create(String name, String domain, Actor actor);

    /** @throws org.steward.core.NotFoundException when there is no such company (or it is in the recycle bin) */
    Company get(String id, Actor actor);

    /** Companies whose name starts with the text (case-insensitive). */
    List<Company> find(String text, int limit, Actor actor);

    /** Moves the company to the recycle bin. */
    void delete(String id, Actor actor);
}
