package org.steward.rights;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Carries out access, portability, rectification, restriction and erasure for one person across every registered
 * {@link org.steward.core.spi.PersonalDataProvider}: a module that is installed takes part, a removed one drops out.
 * Every method takes the acting principal, asks the permissions service (module {@value RequestRegister#MODULE}:
 * EXPORT, EDIT or ERASE) and is audited without personal values. Restriction of the person does not stop these
 * operations: they are rights handling (Art. 18(2)).
 */
@ProviderType
public interface SubjectRights {

    /**
     * Resolves an e-mail address to the person through the contacts module.
     *
     * @throws org.steward.core.NotFoundException when no contact has the address (the message does not repeat it)
     * @throws org.steward.core.UnavailableException when the contacts module is not installed
     */
    PersonId personByEmail(String email, Actor actor);

    /**
     * Writes the access/portability package (Art. 15, 20) of the person as a zip: {@code data.json} with its JSON
     * Schema {@code schema.json}, one CSV per module and category, {@code contact.vcf} for the contact card,
     * {@code summary.txt} and {@code summary.html} (what is held, why, on which basis, from where, shared with whom,
     * kept how long) and the audit entries about the person. A relative file name is placed in the data directory's
     * {@code exports} folder. The file is tracked so that an erasure of the person deletes it.
     *
     * @param request the access or portability request answered, if any; it must be about the same person
     */
    ExportReport export(PersonId person, Path file, Optional<RequestId> request, Actor actor);

    /**
     * Corrects fields in every module that holds them (Art. 16). Keys are field names as the providers describe them;
     * a field no installed module holds is a validation error naming it, and nothing is changed.
     *
     * @return records changed per module
     */
    Map<String, Integer> rectify(PersonId person, Map<String, String> corrections, Actor actor);

    /**
     * Sets or lifts the restriction lock (Art. 18) in every module.
     *
     * @return the modules now holding the lock (empty after lifting)
     */
    List<String> restrict(PersonId person, boolean restricted, Actor actor);

    /** The modules that currently hold the restriction lock for the person. */
    List<String> restrictedIn(PersonId person, Actor actor);

    /**
     * Erases the person in every module, journaled: registers an erasure request (verified by the acting user) and
     * runs it. See {@link #erase(RequestId, Actor)}.
     */
    ErasureReport erase(PersonId person, Actor actor);

    /**
     * Runs or resumes the erasure of a verified erasure request: one journaled step per module, then earlier export
     * files are deleted, the person's data key is shredded and the person's e-mail and phone blind indexes (collected
     * before anything was deleted) go to the erasure blocklist. Idempotent; an interrupted erasure is resumed at the
     * next start of the module. A module whose provider is not registered keeps the erasure open until it returns.
     *
     * @throws LegalHoldException when a legal hold is active for the person
     * @throws org.steward.core.ConflictException when the request is no verified, open erasure request
     */
    ErasureReport erase(RequestId request, Actor actor);

    /** The journal of the erasure of a request, if one was started. */
    Optional<ErasureReport> erasure(RequestId request, Actor actor);

    /** Places a legal hold on the person; erasure is refused while it is active. */
    LegalHold placeHold(PersonId person, String reason, Actor actor);

    /** Lifts a legal hold. */
    LegalHold releaseHold(String holdId, Actor actor);

    /** The holds of the person, active ones first. */
    List<LegalHold> holds(PersonId person, Actor actor);
}
