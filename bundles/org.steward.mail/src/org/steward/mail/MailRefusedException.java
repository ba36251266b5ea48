package org.steward.mail;

import org.steward.core.ConflictException;

/** A sending policy refused a mail; the message says which policy and why, without personal values. */
public class MailRefusedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public MailRefusedException(String message) {
        super(message);
    }
}
