package org.steward.encryption.tests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row like a module would store it: the e-mail encrypted, its blind index, and an unencrypted control value. */
@Entity
@Table(name = "SECRET_CONTACT")
public class SecretContact {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "PERSON_ID", length = 36)
    private String personId;

    @Column(name = "EMAIL_CIPHER", length = 1000)
    private String emailCipher;

    @Column(name = "EMAIL_INDEX", length = 64)
    private String emailIndex;

    @Column(name = "CONTROL", length = 200)
    private String control;

    protected SecretContact() {
    }

    public SecretContact(String id, String personId, String emailCipher, String emailIndex, String control) {
        this.id = id;
        this.personId = personId;
        this.emailCipher = emailCipher;
        this.emailIndex = emailIndex;
        this.control = control;
    }

    public void setControl(String control) {
        this.control = control;
    }

    public String emailCipher() {
        return emailCipher;
    }

    public String emailIndex() {
        return emailIndex;
    }
}
