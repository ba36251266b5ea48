package org.steward.permissions.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.identity.AdministrationPolicy;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;

/**
 * Makes user administration in the identity module a permission like any other: ADMINISTER on {@code identity}.
 * Only active when the identity module is installed.
 */
@Component(service = AdministrationPolicy.class)
public final class IdentityAdministrationPolicy implements AdministrationPolicy {

    static final String MODULE = "identity";

    private final AccessDecisions decisions;

    @Activate
    public IdentityAdministrationPolicy(@Reference AccessDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public boolean mayAdministerUsers(Actor actor) {
        return decisions.decide(actor, Operation.ADMINISTER, MODULE, Optional.empty()).allowed();
    }
}
