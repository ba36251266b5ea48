package org.steward.persistence.tests;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A row with an id and a text: what the persistence tests store, in two units. */
@MappedSuperclass
public abstract class Note {

    @Id
    @Column(length = 36)
    private String id;

    @Column(length = 400)
    private String text;

    protected Note() {
    }

    protected Note(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }
}
