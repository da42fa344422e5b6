package org.gongkai.support;

import java.util.concurrent.Callable;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the current thread sends to the database (JPA and JdbcTemplate alike, through a datasource-proxy
 * around the application's DataSource), so that a test can tell a list loaded in a fixed number of queries from one that
 * queries once per row.
 */
public final class StatementCounter {

    private static final ThreadLocal<java.util.List<String>> SENT = new ThreadLocal<>();

    private StatementCounter() {
    }

    /** The number of statements {@code work} sent on this thread. */
    public static int count(Callable<?> work) throws Exception {
        return statements(work).size();
    }

    /** The statements {@code work} sent on this thread, in order. */
    public static java.util.List<String> statements(Callable<?> work) throws Exception {
        java.util.List<String> sent = new java.util.ArrayList<>();
        SENT.set(sent);
        try {
            work.call();
        } finally {
            SENT.remove();
        }
        return sent;
    }

    private static final QueryExecutionListener LISTENER = new QueryExecutionListener() {
        @Override
        public void beforeQuery(net.ttddyy.dsproxy.ExecutionInfo execInfo, java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
        }

        @Override
        public void afterQuery(net.ttddyy.dsproxy.ExecutionInfo execInfo, java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
            java.util.List<String> sent = SENT.get();
            if (sent != null) {
                queries.forEach(query -> sent.add(query.getQuery()));
            }
        }
    };

    /** Wraps the application's DataSource in the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        static BeanPostProcessor statementCountingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && "dataSource".equals(name)) {
                        return ProxyDataSourceBuilder.create(dataSource).name("counted").listener(LISTENER).build();
                    }
                    return bean;
                }
            };
        }
    }
}
