package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongkai.requests.RequestTestData.from;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockMultipartFile;

/** The applicant's identity number never reaches logs, public pages, the audit trail, the console lists or exports. */
@ExtendWith(OutputCaptureExtension.class)
class ApplicantPrivacyTests extends AbstractIntegrationTest {

    @Test
    void theIdentityNumberNeverLeaves(CapturedOutput output) throws Exception {
        String idNumber = RequestTestData.newIdNumber();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        String confirmation = mvc.perform(multipart("/requests/new").file(new MockMultipartFile("proofFile", "id.png", "image/png", png))
                        .with(csrf()).with(from("10.30.0.1"))
                        .param("applicantKind", "PERSON").param("applicantName", "隐私测试人").param("idType", "RESIDENT_ID")
                        .param("idNumber", idNumber).param("phone", "13912345678").param("email", "p@example.cn")
                        .param("address", "示范市中心区隐私路9号").param("infoName", "隐私测试信息").param("infoDescription", "描述")
                        .param("provisionForm", "EMAIL").param("obtainWay", "EMAIL").param("declaration", "true"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Matcher number = Pattern.compile("class=\"request-number\">([^<]+)<").matcher(confirmation);
        Matcher code = Pattern.compile("class=\"query-code\">([^<]+)<").matcher(confirmation);
        assertThat(number.find()).as("confirmation shows the number").isTrue();
        assertThat(code.find()).as("confirmation shows the code").isTrue();
        // the receipt names what was requested and by whom, never the ID number
        assertThat(confirmation).contains("class=\"applicant\">隐私测试人<", "class=\"info-name\">隐私测试信息<").doesNotContain(idNumber);

        String tracking = mvc.perform(post("/requests/track").with(csrf()).with(from("10.30.0.1"))
                .param("number", number.group(1)).param("code", code.group(1)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(tracking).contains(number.group(1)).doesNotContain("隐私测试人", "13912345678", "隐私路");

        long id = jdbc.queryForObject("select id from info_request where number = ?", Long.class, number.group(1));
        assertThat(jdbc.queryForObject("select count(*) from request_file where request_id = ? and content_type = 'image/png'",
                Long.class, id)).isEqualTo(1);
        String console = mvc.perform(get("/admin/requests/" + id).with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(console).contains("隐私测试人", IdentityNumbers.mask(idNumber));
        String dashboard = mvc.perform(get("/admin/requests").with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String export = mvc.perform(get("/admin/requests/statistics.csv").with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String statistics = mvc.perform(get("/admin/requests/statistics").with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(export).contains("NEW_RECEIVED");

        for (String text : new String[] {confirmation, tracking, console, dashboard, export, statistics, output.getAll()}) {
            assertThat(text).doesNotContain(idNumber).doesNotContain(idNumber.substring(0, 14));
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_event where summary like ? or object_id like ?", Long.class,
                "%" + idNumber + "%", "%" + idNumber + "%")).isZero();
    }

    @Test
    void aBadIdentityNumberIsRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
        String good = RequestTestData.newIdNumber();
        String bad = good.substring(0, 17) + (good.charAt(17) == '1' ? "2" : "1");
        long before = jdbc.queryForObject("select count(*) from info_request", Long.class);
        String page = mvc.perform(multipart("/requests/new").file(new MockMultipartFile("proofFile", "x.pdf", "application/pdf",
                        "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(from("10.30.0.2"))
                        .param("applicantKind", "ORGANISATION").param("category", "BUSINESS").param("creditCode", "91440100MA5C11111Y")
                        .param("applicantName", "某公司").param("idType", "RESIDENT_ID").param("idNumber", bad).param("phone", "020-1234567")
                        .param("address", "地址").param("infoName", "信息").param("infoDescription", "描述")
                        .param("provisionForm", "PAPER").param("obtainWay", "EMAIL"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<title>错误：", "存在以下问题", "居民身份证号码不正确", "统一社会信用代码不正确", "请填写法定代表人", "请填写联系人",
                "选择通过电子邮件获取时，请填写电子邮箱", "身份证明只能是 PDF、JPG 或 PNG 文件", "请阅读并勾选承诺");
        assertThat(jdbc.queryForObject("select count(*) from info_request", Long.class)).isEqualTo(before);
    }
}
