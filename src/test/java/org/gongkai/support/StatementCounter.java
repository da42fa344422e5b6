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

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    private StatementCounter() {
    }

    /** The number of statements {@code work} sent on this thread. */
    public static int count(Callable<?> work) throws Exception {
        int[] count = {0};
        COUNT.set(count);
        try {
            work.call();
        } finally {
            COUNT.remove();
        }
        return count[0];
    }

    private static final QueryExecutionListener LISTENER = new QueryExecutionListener() {
        @Override
        public void beforeQuery(net.ttddyy.dsproxy.ExecutionInfo execInfo, java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
        }

        @Override
        public void afterQuery(net.ttddyy.dsproxy.ExecutionInfo execInfo, java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
            int[] count = COUNT.get();
            if (count != null) {
                count[0] += queries.size();
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
