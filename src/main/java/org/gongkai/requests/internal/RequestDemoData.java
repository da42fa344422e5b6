package org.gongkai.requests.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.gongkai.requests.IdentityNumbers;
import org.gongkai.calendar.WorkingDayCalendar;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo requests in every state over 2025–2026 (finished ones on fixed dates, open ones relative to today so the dashboard
 * shows due-soon and overdue rows). Every demo request tracks with the query code {@code DEMO-DEMO-DEMO}. Idempotent.
 */
@Component
@Profile("demo")
@Order(60)
class RequestDemoData implements ApplicationRunner {

    static final String DEMO_CODE = "DEMODEMODEMO";
    private static final String MARKER = "示范数据：申请公开2024年度部门决算中“三公”经费支出明细。";

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final PasswordEncoder encoder;
    private final Clock clock;

    RequestDemoData(JdbcTemplate jdbc, WorkingDayCalendar calendar, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.queryForObject("select count(*) from info_request where info_description = ?", Long.class, MARKER) > 0) {
            return;
        }
        if (jdbc.queryForObject("select count(*) from department where name = '疾病预防控制科'", Long.class) == 0) {
            return;
        }
        String hash = encoder.encode(DEMO_CODE);
        LocalDate today = LocalDate.now(clock);
        var rules = calendar.rules();
        // finished requests on fixed dates
        long a = insert(hash, "WEB", "NATURAL_PERSON", "张伟", null, "44010119850312123", "财务科", "2024年度部门决算", null, MARKER, LocalDate.of(2025, 3, 10), "CLOSED");
        reply(a, "DISCLOSED", null, "详见附件《示范市卫生健康委员会2024年度部门决算“三公”经费明细》。", LocalDate.of(2025, 3, 28), true);
        long b = insert(hash, "LETTER", "BUSINESS", "示范市康宁医药有限公司", "91440100MA5CXXXX1", "44010219900101456", "医政医管科", "示范市第一人民医院医疗机构执业许可证登记信息", null, "申请获取该院执业许可证登记的诊疗科目和床位数。", LocalDate.of(2025, 6, 16), "CLOSED");
        reply(b, "PARTLY_DISCLOSED", null, "诊疗科目和核定床位数予以公开；法定代表人身份证件号码属于个人隐私，依据条例第十五条不予公开。", LocalDate.of(2025, 7, 10), true);
        long c = insert(hash, "WEB", "NATURAL_PERSON", "李娜", null, "44010619920720234", "综合监督科（卫生监督所）", "2025年第三季度生活饮用水水质监测结果", null, "申请获取本市城区集中式供水末梢水水质监测结果。", LocalDate.of(2025, 9, 22), "REPLIED");
        reply(c, "ALREADY_PUBLIC", null, "该信息已于2025年10月10日在本委门户网站“公共卫生—饮用水卫生”栏目公开。", LocalDate.of(2025, 10, 15), false);
        long d = insert(hash, "WEB", "NATURAL_PERSON", "王强", null, "44011119800505345", "疾病预防控制科", "2025年预防接种异常反应监测年报", null, "申请获取2025年全年AEFI监测报告全文。", LocalDate.of(2025, 11, 3), "REPLIED");
        reply(d, "NOT_EXIST", null, "2025年度AEFI监测年报尚在汇总中，本机关目前未制作该信息，预计于2026年3月主动公开。", LocalDate.of(2025, 11, 20), false);
        long e = insert(hash, "WEB", "LEGAL_SERVICE", "广东示范律师事务所", "31440000MD0XXXXX2", "44010419780808567", "综合监督科（卫生监督所）", "某餐饮服务单位卫生行政处罚决定书", "示卫监罚〔2025〕12号", "申请获取该处罚决定书全文。", LocalDate.of(2025, 12, 8), "REPLIED");
        reply(e, "NOT_DISCLOSED", "THIRD_PARTY_RIGHTS", "该决定书涉及第三方商业秘密，经征求第三方意见，第三方不同意公开，依据条例第十五条不予公开。", LocalDate.of(2026, 1, 6), false);
        long f = insert(hash, "WEB", "NATURAL_PERSON", "陈晓明", null, "44010319880909678", "综合监督科（卫生监督所）", "2025年第三季度生活饮用水水质监测结果", null, "申请获取各水厂出厂水检测数据。", LocalDate.of(2026, 1, 12), "CLOSED");
        reply(f, "DISCLOSED", null, "现将各水厂出厂水检测数据以电子邮件方式提供。", LocalDate.of(2026, 2, 3), true);
        long g = insert(hash, "WEB", "RESEARCH", "示范医科大学公共卫生学院", "12440000455XXXXX3", "44010519750303789", "疾病预防控制科", "2025年度法定传染病疫情概况", null, "用于科研，申请获取分病种发病数。", LocalDate.of(2026, 3, 2), "REPLIED");
        reply(g, "DISCLOSED", null, "现提供2025年度分病种发病数统计表。", LocalDate.of(2026, 3, 20), false);
        long h = insert(hash, "WEB", "NATURAL_PERSON", "赵敏", null, "44010719950612890", "综合监督科（卫生监督所）", "2025年第三季度生活饮用水水质监测结果", null, "申请获取二次供水水质抽检结果。", LocalDate.of(2026, 5, 11), "REPLIED");
        reply(h, "DISCLOSED", null, "现提供二次供水水质抽检结果汇总表。", LocalDate.of(2026, 5, 29), false);
        long i = insert(hash, "WEB", "NATURAL_PERSON", "孙丽", null, "44010819870214901", "医政医管科", "示范市二级以上医院床位数", null, "申请获取各医院编制床位数。", LocalDate.of(2026, 6, 1), "WITHDRAWN");
        jdbc.update("update info_request set withdrawn_on = ? where id = ?", LocalDate.of(2026, 6, 5), i);
        long j = insert(hash, "WEB", "OTHER_ORG", "示范市某社区居民委员会", "55440100MEXXXXXX4", "44010919660418012", null, "社区卫生服务中心相关材料", null, "要社区医院的材料。", LocalDate.of(2026, 8, 3), "DEEMED_WITHDRAWN");
        jdbc.update("update info_request set correction_requested_on = ?, correction_due_on = ?, correction_note = ?, withdrawn_on = ? where id = ?",
                LocalDate.of(2026, 8, 6), LocalDate.of(2026, 8, 20), "请写明所需信息的名称、所涉社区卫生服务中心及时间范围。", LocalDate.of(2026, 8, 21), j);
        // open requests relative to today
        long k = insert(hash, "WEB", "NATURAL_PERSON", "周杰", null, "44011019900101123", "疾病预防控制科", "本市登革热防控工作方案", null, "申请获取2026年登革热防控工作方案。", back(rules, today, 18), "IN_PROGRESS");
        long l = insert(hash, "LETTER", "BUSINESS", "示范市安泰物业管理有限公司", "91440100MA5CYYYY5", "44010119820202234", "医政医管科", "医疗废物集中处置单位名单", null, "申请获取本市医疗废物集中处置单位名单及联系方式。", back(rules, today, 24), "IN_PROGRESS");
        insert(hash, "WEB", "NATURAL_PERSON", "吴刚", null, "44010219930303345", null, "2026年基本公共卫生服务项目资金分配", null, "申请获取各区资金分配表。", back(rules, today, 3), "RECEIVED");
        long n = insert(hash, "WEB", "NATURAL_PERSON", "郑爽", null, "44010319910404456", null, "有关文件", null, "想要卫健委的文件。", back(rules, today, 2), "CORRECTION_REQUESTED");
        jdbc.update("update info_request set correction_requested_on = ?, correction_due_on = ?, correction_note = ? where id = ?",
                back(rules, today, 1), today.plusDays(14), "请写明所需文件的名称、文号或内容描述。", n);
        long o = insert(hash, "WEB", "LEGAL_SERVICE", "示范市正信律师事务所", "31440000MD0YYYYY6", "44010419790505567", "综合监督科（卫生监督所）", "某医疗美容机构监督检查记录", null, "申请获取2026年对该机构的监督检查记录。", back(rules, today, 12), "CONSULTING");
        jdbc.update("insert into request_consultation (request_id, party, kind, started_on) values (?, ?, 'THIRD_PARTY', ?)",
                o, "示范市美丽人生医疗美容门诊部", back(rules, today, 4));
        jdbc.update("update info_request set extension_days = 15, extension_approved_on = ?, extension_approved_by = 'approver', extension_reason = ? where id = ?",
                back(rules, today, 3), "涉及第三方，需征求意见并审查大量检查记录。", o);
        jdbc.update("insert into request_notification (request_id, department_id, kind, message, created_on) select ?, department_id, 'OVERDUE', ?, ? from info_request where id = ?",
                l, "示范：申请已超过答复期限", today, l);
        jdbc.update("insert into request_notification (request_id, department_id, kind, message, created_on) select ?, department_id, 'DUE_SOON', ?, ? from info_request where id = ?",
                k, "示范：申请将在3个工作日内到期", today, k);
    }

    private static LocalDate back(WorkingDayCalendar.Rules rules, LocalDate from, int workingDays) {
        LocalDate day = from;
        int counted = 0;
        while (counted < workingDays) {
            day = day.minusDays(1);
            if (rules.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private long insert(String hash, String channel, String category, String name, String creditBody, String id17,
                        String department, String infoName, String documentNumber, String description, LocalDate receivedOn,
                        String state) {
        int year = receivedOn.getYear();
        jdbc.update("insert into request_number_counter (year, last) values (?, 0) on conflict (year) do nothing", year);
        int serial = jdbc.queryForObject("update request_number_counter set last = last + 1 where year = ? returning last", Integer.class, year);
        boolean organisation = !category.equals("NATURAL_PERSON");
        String creditCode = organisation ? org.gongkai.support.CreditCode.complete(creditBody.replace('X', '1').replace('Y', '2')).value() : null;
        Long departmentId = department == null ? null
                : jdbc.queryForObject("select id from department where name = ?", Long.class, department);
        return jdbc.queryForObject("""
                insert into info_request (number, query_code_hash, channel, applicant_kind, applicant_category, applicant_name,
                    credit_code, contact_person, id_type, id_number, phone, email, address, info_name, info_document_number,
                    info_description, provision_form, obtain_way, state, submitted_at, received_on, clock_start_on, department_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'RESIDENT_ID', ?, ?, ?, ?, ?, ?, ?, 'EMAIL', 'EMAIL', ?, ?, ?, ?, ?) returning id""",
                Long.class, String.format("YSQ%d-%05d", year, serial), hash, channel, organisation ? "ORGANISATION" : "PERSON",
                category, name, creditCode, organisation ? "刘经办" : null, IdentityNumbers.complete(id17), "13800138000",
                "applicant@example.cn", "示范市中心区人民路" + serial + "号", infoName, documentNumber, description, state,
                Timestamp.from(receivedOn.atTime(9, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant()), receivedOn, receivedOn,
                departmentId);
    }

    private void reply(long id, String type, String ground, String opinion, LocalDate on, boolean closed) {
        var row = jdbc.queryForMap("select number, received_on, info_name from info_request where id = ?", id);
        LocalDate received = ((java.sql.Date) row.get("received_on")).toLocalDate();
        String text = jdbc.queryForObject("select body from reply_template where type = ?", String.class, type)
                .replace("{number}", (String) row.get("number"))
                .replace("{receivedOn}", received.getYear() + "年" + received.getMonthValue() + "月" + received.getDayOfMonth() + "日")
                .replace("{information}", (String) row.get("info_name")).replace("{opinion}", opinion).replace("{department}", "")
                + "\n\n" + jdbc.queryForObject("select body from reply_template where type = 'REMEDY'", String.class);
        jdbc.update("update info_request set replied_on = ?, reply_type = ?, reply_ground = ?, reply_opinion = ?, reply_text = ?, closed_on = ? where id = ?",
                on, type, ground, opinion, text, closed ? on.plusDays(3) : null, id);
    }
}
