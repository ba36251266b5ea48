package org.steward.core;

/**
 * The person asked for restriction of processing (GDPR Art. 18): their data may only be stored, or handled for a rights
 * request, until the restriction is lifted.
 */
public class ProcessingRestrictedException extends StewardException {

    private static final long serialVersionUID = 1L;

    private final PersonId person;

    public ProcessingRestrictedException(PersonId person, String operation) {
        super("Processing of person " + person + " is restricted (GDPR Art. 18): " + operation
                + " is refused until the restriction is lifted");
        this.person = person;
    }

    public PersonId person() {
        return person;
    }

    @Override
    public String code() {
        return "processing-restricted";
    }
}
