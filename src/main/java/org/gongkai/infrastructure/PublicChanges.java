package org.gongkai.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node that something public changed, through PostgreSQL alone. A change calls {@link #announce()} inside its
 * own transaction: that raises the version in the one-row table {@code public_change} and queues a NOTIFY on
 * {@value #CHANNEL}, which PostgreSQL delivers to every listening node when (and only if) the transaction commits.
 * <p>
 * Each node listens on a connection of its own, outside the connection pool, and also reads the version through the pool
 * about once a second; whichever sees a higher version first publishes {@link PublicChangeObserved}, and the page cache
 * and the search facets forget what they hold. So a node whose listening connection broke (it reconnects by itself, and
 * logs the loss and the recovery once each) serves stale pages for at most about a second.
 */
@Component
public class PublicChanges implements SmartLifecycle {

    public static final String CHANNEL = "gongkai_public_change";

    private static final Logger log = LoggerFactory.getLogger(PublicChanges.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final Duration pollInterval;
    private final boolean listen;
    private final AtomicLong seen = new AtomicLong(Long.MIN_VALUE);

    private volatile boolean running;
    private volatile Connection listening;
    private ScheduledExecutorService poller;
    private Thread listener;

    PublicChanges(JdbcTemplate jdbc, DataSource dataSource, ApplicationEventPublisher events,
                  @Value("${gongkai.public-changes.poll-interval:PT1S}") Duration pollInterval,
                  @Value("${gongkai.public-changes.listen:true}") boolean listen) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.events = events;
        this.pollInterval = pollInterval;
        this.listen = listen;
    }

    /**
     * Records a public change. Call it inside the changing transaction (before it commits): the version row and the
     * NOTIFY then become visible together with the change, and not at all if it rolls back. This node publishes
     * {@link PublicChangeObserved} itself, on the committing thread right after the commit (at once without a transaction),
     * and ignores its own NOTIFY: version numbers follow commit order (the row lock), so that event also covers any other
     * node's change with a lower version that this node has not heard of yet.
     */
    public void announce() {
        Long version = jdbc.queryForObject("""
                with changed as (update public_change set version = version + 1, changed_at = now() where id = 1 returning version)
                select version, pg_notify(?, version::text) from changed""", (rs, n) -> rs.getLong(1), CHANNEL);
        if (version == null) {
            throw new IllegalStateException("public_change has no row");
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    observe(version);
                }
            });
        } else {
            observe(version);
        }
    }

    /** Whether this node's listening connection is open (else it relies on reading the version row every second). */
    public boolean isListening() {
        return listening != null;
    }

    /** The highest version this node has seen (for tests and the operator). */
    public long seenVersion() {
        return seen.get();
    }

    /** Reads the version row now; publishes {@link PublicChangeObserved} when it is higher than the last one seen. */
    public void poll() {
        Long version = jdbc.queryForObject("select version from public_change where id = 1", Long.class);
        observe(version == null ? 0 : version);
    }

    private void observe(long version) {
        long before = seen.getAndAccumulate(version, Math::max);
        if (version > before && before != Long.MIN_VALUE) {
            events.publishEvent(new PublicChangeObserved(version));
        }
    }

    @Override
    public void start() {
        running = true;
        poll(); // the starting point: what was changed before this node started is already in the database
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "public-changes-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.debug("Could not read the public change version", e);
            }
        }, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (listen) {
            listener = new Thread(this::listenLoop, "public-changes-listen");
            listener.setDaemon(true);
            listener.start();
        }
    }

    private void listenLoop() {
        boolean lost = false;
        long backoff = 500;
        while (running) {
            try (Connection connection = openListeningConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = connection;
                if (lost) {
                    log.info("Listening again for public changes on channel {}", CHANNEL);
                    lost = false;
                }
                backoff = 500;
                poll(); // anything committed while this node was not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                long lastCheck = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) Math.max(100, pollInterval.toMillis()));
                    if (notifications != null) {
                        long highest = Long.MIN_VALUE;
                        for (PGNotification n : notifications) {
                            highest = Math.max(highest, parse(n.getParameter()));
                        }
                        if (highest != Long.MIN_VALUE) {
                            observe(highest);
                        }
                    }
                    // a silently dropped connection delivers nothing and raises nothing: ask it now and then
                    if (System.nanoTime() - lastCheck > TimeUnit.SECONDS.toNanos(30)) {
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection stopped answering");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("Lost the connection that listens for public changes ({}); reading the version every {} ms"
                            + " until it is back", e.getMessage(), pollInterval.toMillis());
                    lost = true;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            } finally {
                listening = null;
            }
        }
    }

    /** A connection of its own, so the pool neither lends it out nor retires it while it listens. */
    private Connection openListeningConnection() throws SQLException {
        HikariDataSource hikari = dataSource instanceof HikariDataSource h ? h
                : unwrapOrNull(dataSource);
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return dataSource.getConnection(); // not a Hikari pool: hold one of its connections
        }
        Properties properties = new Properties();
        properties.putAll(hikari.getDataSourceProperties());
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        properties.setProperty("ApplicationName", "gongkai public-changes");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
    }

    private static HikariDataSource unwrapOrNull(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static long parse(String parameter) {
        try {
            return Long.parseLong(parameter);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: breaks the listening connection as a network failure would; the node must recover by itself. */
    void dropListeningConnection() throws SQLException {
        Connection connection = listening;
        listening = null;
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (listener != null) {
            listener.interrupt();
            try {
                Connection connection = listening;
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the pool is usable, before the web server takes requests
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
