package org.steward.persistence.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.persistence.DatabaseInfo;

/**
 * A database server reached through a JDBC driver bundle that registers an OSGi {@link DataSourceFactory} (PostgreSQL's
 * driver does). No vendor SQL here: backups of a server database are the server's own business.
 */
final class ExternalDatabase implements Database {

    static final String SETTING = "jdbcUrl of " + PersistenceConfiguration.PID;

    private final DataSource dataSource;
    private final DatabaseInfo info;

    ExternalDatabase(String url, String user, String password, int loginTimeoutSeconds,
            Collection<DataSourceFactory> drivers) {
        if (!url.startsWith("jdbc:") || url.indexOf(':', 5) < 0) {
            throw new ValidationException("jdbcUrl", "must look like jdbc:<driver>:<address> (setting " + SETTING + ")");
        }
        String safeUrl = withoutCredentials(url);
        DataSource found = null;
        for (DataSourceFactory factory : drivers) {
            try {
                Properties props = new Properties();
                props.setProperty(DataSourceFactory.JDBC_URL, url);
                if (!user.isEmpty()) {
                    props.setProperty(DataSourceFactory.JDBC_USER, user);
                }
                if (!password.isEmpty()) {
                    props.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
                }
                if (factory.createDriver(null).acceptsURL(url)) {
                    found = factory.createDataSource(props);
                    break;
                }
            } catch (SQLException e) {
                throw DatabaseFailures.explain(e, safeUrl, SETTING);
            }
        }
        if (found == null) {
            throw new UnavailableException("Cannot open the database " + safeUrl + " (setting " + SETTING
                    + "): no installed JDBC driver accepts this URL. Install the driver bundle (for PostgreSQL, "
                    + "org.postgresql.jdbc) or correct the URL.");
        }
        this.dataSource = found;
        try {
            dataSource.setLoginTimeout(loginTimeoutSeconds);
        } catch (SQLException | UnsupportedOperationException ignored) {
            // not every driver supports a login timeout on its data source
        }
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            this.info = new DatabaseInfo(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    safeUrl, false);
        } catch (SQLException e) {
            throw DatabaseFailures.explain(e, safeUrl, SETTING);
        }
    }

    static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public DatabaseInfo info() {
        return info;
    }

    @Override
    public Path backup(Path folder) {
        throw new UnavailableException("Online backup from Steward is available for the embedded Derby database; "
                + "back up " + info.url() + " with the database server's own tools (e.g. pg_dump).");
    }

    @Override
    public void close() {
        // the server and the driver's pool belong to the driver bundle
    }
}
