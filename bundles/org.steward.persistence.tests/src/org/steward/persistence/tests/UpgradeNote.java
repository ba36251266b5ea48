package org.steward.persistence.tests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "UPGRADE_NOTE")
public class UpgradeNote {

    @Id
    @Column(length = 36)
    private String id;

    @Column(length = 400)
    private String text;

    protected UpgradeNote() {
    }

    public UpgradeNote(String id, String text) {
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
