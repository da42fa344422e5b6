package org.gongkai.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * Public reads from a PostgreSQL streaming replica, when {@code gongkai.replica.url} ({@code GONGKAI_REPLICA_DB_URL}) is set.
 * The application's one DataSource is then wrapped: a connection is taken from the pool only at its first statement, and a
 * connection that a read-only transaction asked for by then, or a read-only method without a transaction of its own,
 * comes from {@link PublicReadRouting} (the replica on a public page when it has caught up, else the primary); every other
 * connection is the primary's, as without a replica. Unset,
 * nothing is wrapped.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplicaConfiguration.class);

    @Bean
    static FirstPostProcessor publicReadReplica(Environment environment, ObjectProvider<PublicChanges> changes,
                                               ObjectProvider<MeterRegistry> meters) {
        return new FirstPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                String url = environment.getProperty("gongkai.replica.url");
                if (!"dataSource".equals(name) || !(bean instanceof DataSource primary) || !StringUtils.hasText(url)) {
                    return bean;
                }
                HikariConfig config = new HikariConfig();
                config.setPoolName("replica");
                config.setJdbcUrl(url);
                config.setUsername(environment.getProperty("gongkai.replica.username",
                        environment.getProperty("spring.datasource.username", "postgres")));
                config.setPassword(environment.getProperty("gongkai.replica.password",
                        environment.getProperty("spring.datasource.password", "")));
                config.setMaximumPoolSize(environment.getProperty("gongkai.replica.pool-size", Integer.class, 20));
                config.setMinimumIdle(1);
                config.setReadOnly(true);
                // the same first statement as the primary's pool (application.properties: malloc in the backend)
                config.setConnectionInitSql(environment.getProperty("spring.datasource.hikari.connection-init-sql"));
                config.setConnectionTimeout(environment.getProperty("gongkai.replica.connect-timeout-millis", Long.class, 2000L));
                config.setInitializationFailTimeout(-1); // a replica that is down at start must not stop the node
                HikariDataSource replica = new HikariDataSource(config);
                PublicReadRouting routing = new PublicReadRouting(primary, replica,
                        () -> changes.getObject().seenVersion());
                meters.ifAvailable(registry -> {
                    FunctionCounter.builder("gongkai.public.reads", routing, PublicReadRouting::replicaConnections)
                            .tag("target", "replica").description("read-only connections of public pages, by database")
                            .register(registry);
                    FunctionCounter.builder("gongkai.public.reads", routing, PublicReadRouting::primaryConnections)
                            .tag("target", "primary").register(registry);
                });
                log.info("Public reads: read-only transactions of public pages from the replica {} when it has caught up",
                        url.replaceAll("//[^@/]*@", "//"));
                return new Routed(primary, routing, replica);
            }
        };
    }

    /**
     * Runs before every other post-processor (its type says so on the bean method, where Spring reads it before creating
     * it): whatever else wraps the application's DataSource (metrics, a test's statement counter) then sees public reads
     * from the replica as well.
     */
    abstract static class FirstPostProcessor implements BeanPostProcessor, org.springframework.core.PriorityOrdered {
        @Override
        public int getOrder() {
            return org.springframework.core.Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The application's DataSource with a replica: lazy connections, read-only ones routed; closes both pools. */
    static final class Routed extends LazyConnectionDataSourceProxy implements AutoCloseable {

        private final DataSource primary;
        private final PublicReadRouting routing;
        private final HikariDataSource replica;

        Routed(DataSource primary, PublicReadRouting routing, HikariDataSource replica) {
            super(primary);
            this.primary = primary;
            this.routing = routing;
            this.replica = replica;
            setReadOnlyDataSource(routing);
        }

        PublicReadRouting routing() {
            return routing;
        }

        /**
         * A read-only method that runs without a transaction of its own ({@code propagation = SUPPORTS}, one statement) on
         * a public page reads where a read-only transaction would: from the replica when it has caught up.
         */
        @Override
        public Connection getConnection() throws SQLException {
            if (PublicReadScope.active() && !TransactionSynchronizationManager.isActualTransactionActive()
                    && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
                return routing.getConnection();
            }
            return super.getConnection();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type == PublicReadRouting.class) {
                return (T) routing;
            }
            return super.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type == PublicReadRouting.class || super.isWrapperFor(type);
        }

        @Override
        public void close() throws Exception {
            replica.close();
            if (primary instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
