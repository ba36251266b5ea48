package org.steward.contacts;

import org.osgi.annotation.versioning.ConsumerType;

/** Told after every committed batch of an import. An exception thrown here stops the import (it can be resumed). */
@ConsumerType
@FunctionalInterface
public interface ImportListener {

    ImportListener NONE = (records, imported, rejected) -> {
    };

    /**
     * @param records records read so far (including those of an earlier, interrupted run)
     * @param imported contacts created so far
     * @param rejected records rejected so far
     */
    void committed(long records, long imported, long rejected);
}
