package org.steward.demo.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/**
 * {@code contacts:demo}: in the contacts scope, where an administrator looks for it, although it comes with this
 * bundle (a server without the demo bundle has no such command).
 */
@Component(service = DemoCommands.class, property = { "osgi.command.scope=contacts",
        "osgi.command.function=demo" })
public final class DemoCommands {

    private final Contacts contacts;

    @Activate
    public DemoCommands(@Reference Contacts contacts) {
        this.contacts = contacts;
    }

    @Descriptor("Creates realistic demo people (Polish, Italian, French, Chinese and English names, e-mail at "
            + "example.com)")
    public String demo(@Descriptor("how many") int n) {
        if (n < 1 || n > 100_000) {
            throw new ValidationException("n", "must be between 1 and 100000");
        }
        int created = DemoPeople.create(contacts, n, Actor.console(System.getProperty("user.name")),
                System.nanoTime());
        return "Created " + created + " demo contacts.";
    }
}
