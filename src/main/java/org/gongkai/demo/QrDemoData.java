package org.gongkai.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Demo QR codes as a service hall would post them: the request form, the guide and two columns. Idempotent. */
@Component
@Profile("demo")
@Order(30)
class QrDemoData implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    QrDemoData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Object[][] demo = {
                {"GKSQ26", "政府信息公开申请", "办公室", "政务服务大厅综合窗口", "REQUEST", ""},
                {"GKZN26", "政府信息公开指南", "办公室", "政务服务大厅公示栏", "GUIDE", ""},
                {"YFJZ26", "预防接种信息", "疾病预防控制科", "各预防接种门诊候诊区", "CATALOGUE", "ggws-yfjz"},
                {"SJSC26", "双随机抽查结果", "综合监督科（卫生监督所）", "卫生监督所办事大厅", "CATALOGUE", "jdzf-sjs"}};
        for (Object[] q : demo) {
            jdbc.update("""
                    insert into qr_code (code, title, department_id, location_label, target_type, target_key, created_by, created_at)
                    select ?, ?, d.id, ?, ?, ?, (select id from staff_user where username = 'sysadmin'), now()
                    from department d where d.name = ? on conflict (code) do nothing""", q[0], q[1], q[3], q[4], q[5], q[2]);
        }
    }
}
