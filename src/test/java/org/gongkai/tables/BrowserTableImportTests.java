package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A clerk creates a relief-case table, imports an .xlsx with one bad ID number (the report names row and column and
 * nothing is imported), fixes the file and imports it; the preview shows masked values only. Also the chart page.
 */
class BrowserTableImportTests extends AbstractIntegrationTest {

    @Test
    void aClerkImportsReliefCasesFixesTheBadIdNumberAndSeesTheMaskedPreview() throws Exception {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        Path dir = Files.createTempDirectory("gongkai-import");
        Path bad = dir.resolve("救助个案-有误.xlsx");
        Path fixed = dir.resolve("救助个案.xlsx");
        Files.write(bad, TableFiles.xlsx(TableFiles.RELIEF_HEADER, TableFiles.reliefRows(true)));
        Files.write(fixed, TableFiles.xlsx(TableFiles.RELIEF_HEADER, TableFiles.reliefRows(false)));
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            signIn(browser, clerk);
            driver.get(baseUrl() + "/admin/tables");
            driver.findElement(By.linkText("新建表格")).click();
            new Select(driver.findElement(By.id("templateId"))).selectByVisibleText("疾病应急救助个案");
            driver.findElement(By.id("caption")).sendKeys("2026年上半年疾病应急救助个案（浏览器测试）");
            new Select(driver.findElement(By.id("cadence"))).selectByVisibleText("每半年");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/tables/\\d+$"));
            String tableUrl = driver.getCurrentUrl();
            long id = Long.parseLong(tableUrl.substring(tableUrl.lastIndexOf('/') + 1));

            driver.findElement(By.linkText("导入数据")).click();
            driver.findElement(By.id("file")).sendKeys(bad.toString());
            driver.findElement(By.cssSelector("main form[enctype] button[type=submit]")).click();
            WebElement report = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".import-report")));
            assertThat(report.getText()).contains("未导入任何数据", "身份证号", "不是有效的居民身份证号");
            assertThat(report.findElement(By.cssSelector("tbody tr")).getText()).startsWith("3 身份证号");
            assertThat(driver.getTitle()).startsWith("错误：");
            browser.screenshot("tables-import-report");
            assertThat(jdbc.queryForObject("select count(*) from data_table_row where table_id = ?", Integer.class, id)).isZero();

            driver.findElement(By.id("file")).sendKeys(fixed.toString());
            driver.findElement(By.cssSelector("main form[enctype] button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/tables/\\d+$"));
            assertThat(driver.findElement(By.cssSelector(".flash.notice")).getText()).contains("导入成功：共导入 3 行");
            String preview = driver.findElement(By.cssSelector(".data-table")).getText();
            assertThat(preview).contains("张*", "欧阳**", "4401**********215X", "138****5678", "广州市海珠区…")
                    .doesNotContain("44010619850312215X", "13812345678", "江南大道中", "6222021234567890128");
            assertThat(jdbc.queryForObject("select count(*) from data_table_row where table_id = ?", Integer.class, id)).isEqualTo(3);
            // the enhancement script made the headers sortable
            assertThat(driver.findElements(By.cssSelector(".data-table th button.sort"))).isNotEmpty();
            browser.screenshot("tables-preview-desktop");

            // the clerk publishes the table with an item: draft, attach, submit; the reviewer passes it
            driver.get(baseUrl() + "/admin/documents/new");
            String title = "浏览器测试：救助个案公示";
            driver.findElement(By.id("title")).sendKeys(title);
            new Select(driver.findElement(By.id("catalogueNodeId"))).selectByVisibleText("— 救助个案");
            browser.setBody("<p>现将2026年上半年疾病应急救助个案公示如下。</p>");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            new Select(driver.findElement(By.id("tableId"))).selectByVisibleText("2026年上半年疾病应急救助个案（浏览器测试）（3行）");
            driver.findElement(By.xpath("//button[text()='附加到本信息']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "数据表格已附加"));
            driver.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));
            signIn(browser, "reviewer");
            driver.get(baseUrl() + "/admin/review");
            driver.findElement(By.linkText(title)).click();
            for (String box : new String[] {"noStateSecrets", "noWorkSecrets", "privacyHandled", "noCommercialSecrets",
                    "noSecurityRisk", "attributeCorrect"}) {
                driver.findElement(By.id(box)).click();
            }
            driver.findElement(By.id("opinion")).sendKeys("姓名、身份证号、电话、住址已按列规则脱敏，账号不公开，同意发布。");
            driver.findElement(By.cssSelector(".review-form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/review$"));

            String publicId = jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.title = ?",
                    String.class, title);
            driver.manage().deleteAllCookies();
            driver.get(baseUrl() + "/items/" + publicId);
            String page = driver.findElement(By.tagName("main")).getText();
            assertThat(page).contains("张*", "欧阳**", "4401**********215X", "138****5678")
                    .doesNotContain("44010619850312215X", "13812345678", "江南大道中", "6222021234567890128");
            assertThat(driver.getPageSource()).doesNotContain("44010619850312215X", "13812345678", "6222021234567890128");
            browser.screenshot("tables-published-item");
        } finally {
            Files.deleteIfExists(bad);
            Files.deleteIfExists(fixed);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void theResourcesChartIsDrawnOnAPhone() {
        long id = jdbc.queryForObject("select id from data_table where caption = '医疗卫生资源概况（2021—2025年）'", Long.class);
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        try (Browser browser = Browser.phone()) {
            signIn(browser, clerk);
            browser.driver().get(baseUrl() + "/admin/tables/" + id);
            WebElement canvas = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".table-chart canvas")));
            browser.driver().executeScript("arguments[0].scrollIntoView()", canvas);
            browser.screenshot("tables-chart-phone");
            assertThat(browser.driver().findElement(By.cssSelector(".data-table caption")).getText())
                    .isEqualTo("医疗卫生资源概况（2021—2025年）");
            long relief = jdbc.queryForObject("select id from data_table where caption = '2025年下半年疾病应急救助个案'", Long.class);
            browser.driver().get(baseUrl() + "/admin/tables/" + relief);
            WebElement table = browser.driver().findElement(By.cssSelector(".data-table"));
            browser.driver().executeScript("arguments[0].scrollIntoView()", table);
            assertThat(table.getText()).contains("4401**********", "示范市");
            assertThat(browser.driver().findElements(By.cssSelector(".table-tools input[type=search]"))).hasSize(1);
            browser.screenshot("tables-relief-phone");
        }
    }

    @Test
    void theGridShowsTheBadCellWithoutJavaScriptHelpAndTheTemplateFormRenders() {
        long id = jdbc.queryForObject("select id from data_table where caption = '医疗卫生资源概况（2021—2025年）'", Long.class);
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            signIn(browser, clerk);
            driver.get(baseUrl() + "/admin/tables/" + id + "/rows/new");
            driver.findElement(By.name("r0.year")).sendKeys("2026");
            driver.findElement(By.name("r0.institutions")).sendKeys("很多");
            driver.findElement(By.cssSelector("main form button[type=submit]:not([name])")).click();
            WebElement summary = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
            assertThat(summary.getText()).contains("第1行“医疗卫生机构数（个）”：应为整数", "第1行“床位数（张）”：必填");
            assertThat(driver.findElements(By.cssSelector("td.has-error"))).hasSize(4);
            assertThat(driver.findElement(By.name("r0.institutions")).getAttribute("value")).isEqualTo("很多");
            browser.screenshot("tables-grid-errors");
            driver.get(baseUrl() + "/admin/tables/" + id + "/raw");
            browser.screenshot("tables-raw");
            driver.get(baseUrl() + "/admin/tables/" + id + "/chart");
            browser.screenshot("tables-chart-config");
        }
        String admin = TestAccounts.create(jdbc, "规划发展与信息化科", "SYSADMIN");
        long template = jdbc.queryForObject("select id from table_template where name = '疾病应急救助个案'", Long.class);
        try (Browser browser = Browser.desktop()) {
            signIn(browser, admin);
            browser.driver().get(baseUrl() + "/admin/table-templates");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("表格模板");
            browser.screenshot("tables-templates");
            browser.driver().get(baseUrl() + "/admin/table-templates/" + template);
            assertThat(browser.driver().findElement(By.name("c2.type")).getAttribute("value")).isEqualTo("ID_NUMBER");
            browser.screenshot("tables-template-form");
        }
    }

    private void signIn(Browser browser, String username) {
        browser.signIn(baseUrl(), username, TestAccounts.PASSWORD);
    }
}
