package org.steward.persistence.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.steward.persistence.DatabaseInfo;

/** An opened database: embedded Derby or a server reached through a JDBC driver. */
interface Database extends AutoCloseable {

    DataSource dataSource();

    DatabaseInfo info();

    /** Online backup into a new folder inside {@code folder}; returns the folder that holds the copy. */
    Path backup(Path folder);

    @Override
    void close();
}
