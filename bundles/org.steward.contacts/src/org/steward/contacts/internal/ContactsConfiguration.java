package org.steward.contacts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward contacts", description = "Contacts, companies, leads, import and export. "
        + "See docs/CONTACTS.md.")
public @interface ContactsConfiguration {

    String PID = "org.steward.contacts";

    @AttributeDefinition(name = "Import reports folder", required = false, description = "Where import reports "
            + "(rejected rows) and summaries are written. Empty: <steward.data.dir>/contacts/imports.")
    String reportFolder() default "";

    @AttributeDefinition(name = "Encryption threads", min = "1", max = "64", description = "Threads that encrypt "
            + "and index the rows of an import batch in parallel (the first encryption for a person writes their data "
            + "key file, which waits for the disk).")
    int importThreads() default 4;
}
