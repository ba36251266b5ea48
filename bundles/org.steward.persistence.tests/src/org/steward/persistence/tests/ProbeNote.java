package org.steward.persistence.tests;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "PROBE_NOTE")
public class ProbeNote extends Note {

    protected ProbeNote() {
    }

    public ProbeNote(String id, String text) {
        super(id, text);
    }
}
