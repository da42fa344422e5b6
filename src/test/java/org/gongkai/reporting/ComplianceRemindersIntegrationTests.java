package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The daily job tells the responsible department's clerks of a missing monthly item, once. */
class ComplianceRemindersIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    ComplianceReminders reminders;

    @Test
    void aMissingMonthlyItemIsRemindedOnceToTheDepartmentsClerks() {
        var department = PublicationFixtures.newDepartment(jdbc);
        String name = "测试月报" + UUID.randomUUID().toString().substring(0, 6);
        long matter = jdbc.queryForObject("""
                insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, time_limit_working_days,
                    methods, level, stage, cadence)
                values (?, '依据', '内容', ?, '每月结束后10个工作日内', 10, '网站', '市', '结果', 'MONTHLY') returning id""",
                Long.class, name, department.id());
        jdbc.update("insert into catalogue_node (code, name, disclosure_matter_id) values (?, ?, ?)",
                "t-" + UUID.randomUUID().toString().substring(0, 8), name, matter);
        String username = TestAccounts.create(jdbc, department.name(), "CLERK");
        long clerk = jdbc.queryForObject("select id from staff_user where username = ?", Long.class, username);

        reminders.remind();
        var notices = jdbc.queryForList("select title from notification where recipient_id = ?", String.class, clerk);
        assertThat(notices).isNotEmpty().allMatch(t -> t.contains(name)).anyMatch(t -> t.startsWith("逾期未公开："));
        int count = notices.size();
        reminders.remind();
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ?", Integer.class, clerk)).isEqualTo(count);
    }
}
