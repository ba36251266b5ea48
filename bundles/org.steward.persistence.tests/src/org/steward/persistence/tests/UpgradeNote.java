package org.steward.persistence.tests;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "UPGRADE_NOTE")
public class UpgradeNote extends Note {

    protected UpgradeNote() {
    }

    public UpgradeNote(String id, String text) {
        super(id, text);
    }
}
