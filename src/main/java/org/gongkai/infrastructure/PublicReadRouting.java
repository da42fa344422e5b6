package org.gongkai.infrastructure;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

/**
 * The read-only connections of public pages: from the replica ({@code GONGKAI_REPLICA_DB_URL}) when it has caught up with
 * every public change this node knows of, else from the primary.
 * <p>
 * A connection comes here only when a read-only transaction begins on a thread that serves a public page
 * ({@link PublicReadScope}); writes, the console and everything outside a read-only transaction use the primary.
 * "Caught up" is decided by the version of {@code public_change} ({@link PublicChanges}): every public change raises it
 * in the changing transaction, so a replica whose row is at least the version this node has seen holds every publication,
 * withdrawal and unpublishing this node knows of. When it is behind (replica lag), public reads go to the primary, so a
 * just-published item is not a 404 and a just-unpublished one not still served; the replica's version is read again at
 * most every {@link #RECHECK_MILLIS} ms while it is behind, and not at all while it is level. A replica that cannot be
 * reached is left alone for {@link #DOWN_MILLIS} ms and the primary serves meanwhile.
 */
public final class PublicReadRouting implements DataSource {

    static final long RECHECK_MILLIS = 50;
    static final long DOWN_MILLIS = 5_000;

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(PublicReadRouting.class);

    private final DataSource primary;
    private final DataSource replica;
    private final LongSupplier seenVersion;
    private final LongAdder replicaConnections = new LongAdder();
    private final LongAdder primaryConnections = new LongAdder();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long replicaVersion = Long.MIN_VALUE;
    private volatile long lastCheck;
    private volatile long downUntil;
    private volatile boolean behind;

    PublicReadRouting(DataSource primary, DataSource replica, LongSupplier seenVersion) {
        this.primary = primary;
        this.replica = replica;
        this.seenVersion = seenVersion;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (PublicReadScope.active() && replicaUsable()) {
            try {
                Connection connection = replica.getConnection();
                replicaConnections.increment();
                return connection;
            } catch (SQLException e) {
                downUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DOWN_MILLIS);
                log.warn("Public reads: the replica cannot be reached ({}); reading from the primary for {} s", e.getMessage(),
                        DOWN_MILLIS / 1000);
            }
        }
        primaryConnections.increment();
        return primary.getConnection();
    }

    /** Connections handed out from the replica since start (also {@code gongkai_public_reads_total{target="replica"}}). */
    public long replicaConnections() {
        return replicaConnections.sum();
    }

    /** Read-only public connections that came from the primary: outside a public page, or while the replica was behind. */
    public long primaryConnections() {
        return primaryConnections.sum();
    }

    /** The replica's {@code public_change} version when it was last read. */
    public long replicaVersion() {
        return replicaVersion;
    }

    private boolean replicaUsable() {
        long now = System.nanoTime();
        if (downUntil != 0 && now - downUntil < 0) {
            return false;
        }
        long seen = seenVersion.getAsLong();
        if (seen <= replicaVersion) {
            return true;
        }
        if (now - lastCheck < TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS) || !checking.compareAndSet(false, true)) {
            return false; // behind when last asked; another thread is asking now, or it was asked a moment ago
        }
        try {
            lastCheck = now;
            replicaVersion = readReplicaVersion();
        } catch (SQLException e) {
            downUntil = now + TimeUnit.MILLISECONDS.toNanos(DOWN_MILLIS);
            log.warn("Public reads: could not read the replica's version ({}); reading from the primary for {} s",
                    e.getMessage(), DOWN_MILLIS / 1000);
            return false;
        } finally {
            checking.set(false);
        }
        boolean level = seen <= replicaVersion;
        if (level == behind) {
            behind = !level;
            if (level) {
                log.info("Public reads: the replica has caught up (public change version {}); reading from the replica",
                        replicaVersion);
            } else {
                log.info("Public reads: the replica is behind (public change version {} < {}); reading from the primary",
                        replicaVersion, seen);
            }
        }
        return level;
    }

    private long readReplicaVersion() throws SQLException {
        try (Connection connection = replica.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select version from public_change where id = 1")) {
            return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("public reads use the configured accounts");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // set on the pools
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(Logger.GLOBAL_LOGGER_NAME);
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
