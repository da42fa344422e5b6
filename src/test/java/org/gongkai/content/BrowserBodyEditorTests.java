package org.gongkai.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The rich-text editor of the edition body (TinyMCE from a WebJar, static/js/editor.js) in a real browser: it starts under
 * the console's CSP, Word-pasted structure survives, Word's styles and any script do not, and a stale save keeps the text.
 */
class BrowserBodyEditorTests extends AbstractIntegrationTest {

    /** Roughly what Word puts on the clipboard for a heading, a styled paragraph and a table with merged cells. */
    static final String WORD = """
            <h2 style="mso-outline-level:2"><span lang="EN-US" style="font-family:黑体">一、接种安排</span></h2>
            <p class="MsoNormal" style="text-indent:21.0pt"><span style="font-family:仿宋_GB2312;mso-bidi-font-size:16.0pt">请各区按下表执行。<o:p></o:p></span></p>
            <table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;mso-yfti-tbllook:1184">
             <tbody>
              <tr style="mso-yfti-irow:0"><td width="120" valign="top" style="border:solid windowtext 1.0pt"><p class="MsoNormal"><b>区名</b></p></td>
                  <td colspan="2" style="mso-border-alt:solid windowtext .5pt"><p class="MsoNormal"><b>接种人次</b></p></td></tr>
              <tr><td><p class="MsoNormal">越秀区</p></td><td><p class="MsoNormal">12,345</p></td><td rowspan="2"><p class="MsoNormal">达标</p></td></tr>
              <tr><td><p class="MsoNormal">海珠区</p></td><td><p class="MsoNormal">9,876</p></td></tr>
             </tbody>
            </table>
            <img src="x" onerror="window.pwned = true">
            <p><a href="javascript:window.pwned = true">点我</a></p>""";

    /** Console errors other than the missing favicon; a CSP refusal ("Refused to apply inline style ...") would be one. */
    private static java.util.List<String> errors(Browser browser) {
        // the hostile <img src="x"> of the pasted markup is fetched (400) while it sits in the editor, before it is dropped
        return browser.consoleErrors().stream().filter(message -> !message.contains("/favicon.ico")
                && !message.contains("/admin/documents/x ")).toList();
    }

    @Test
    void aClerkPastesWordStructureAndOnlyTheStructureIsStored() {
        String department = jdbc.queryForObject(
                "select d.name from department d join staff_user u on u.department_id = d.id where u.username = 'clerk'", String.class);
        String clerk = TestAccounts.create(jdbc, department, "CLERK");
        String title = "富文本编辑器测试" + UUID.randomUUID().toString().substring(0, 6);
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            browser.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            browser.consoleErrors();
            driver.get(baseUrl() + "/admin/documents/new");

            // the editor replaced the textarea: toolbar and editing iframe are there, and nothing was refused by the CSP
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tox-tinymce iframe.tox-edit-area__iframe")));
            browser.waiting().until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
            assertThat(driver.findElements(By.cssSelector(".tox-tinymce [role=toolbar] button"))).isNotEmpty();
            assertThat(driver.findElement(By.id("bodyHtml")).isDisplayed()).isFalse();
            assertThat(driver.findElements(By.cssSelector(".tox-tinymce button[aria-label='表格']"))).hasSize(1);
            // a table from the toolbar's command carries no inline style the CSP would refuse
            driver.executeScript("tinymce.activeEditor.execCommand('mceInsertTable', false, { rows: 2, columns: 3, options: { headerRows: 1 } });");
            assertThat((String) driver.executeScript("return tinymce.activeEditor.getContent();"))
                    .contains("<thead>", "<th scope=\"col\">").doesNotContain("style=", "border=");
            // and the clerk types into it (caret scrolling, new paragraphs, undo levels)
            driver.switchTo().frame(driver.findElement(By.cssSelector("iframe.tox-edit-area__iframe")));
            var editable = driver.findElement(By.id("tinymce"));
            editable.click();
            editable.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.END));
            for (int i = 1; i <= 25; i++) {
                editable.sendKeys("第" + i + "段", org.openqa.selenium.Keys.ENTER);
            }
            driver.switchTo().defaultContent();
            assertThat((String) driver.executeScript("return tinymce.activeEditor.getContent();")).contains("<p>第25段</p>");
            assertThat(errors(browser)).as("console errors while the editor starts and inserts a table").isEmpty();

            driver.findElement(By.id("title")).sendKeys(title);
            new Select(driver.findElement(By.id("catalogueNodeId"))).selectByIndex(1);
            driver.executeScript("tinymce.activeEditor.setContent(arguments[0]);", WORD);
            // and once more the way a paste goes in (paste_preprocess and the schema)
            driver.executeScript("var e = tinymce.activeEditor; e.selection.select(e.getBody(), true); e.selection.collapse(false);"
                    + "e.execCommand('mceInsertClipboardContent', false, { html: arguments[0] });",
                    "<p class=\"MsoNormal\" style=\"color:red\"><span style=\"mso-spacerun:yes\">二、保障措施</span><o:p></o:p></p>"
                    + "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->");
            String inEditor = (String) driver.executeScript("return tinymce.activeEditor.getContent();");
            assertThat(inEditor).contains("<h2>", "<table>", "colspan=\"2\"", "rowspan=\"2\"", "二、保障措施")
                    .doesNotContain("style=", "class=", "onerror", "<o:p", "mso-", "javascript:", "WordDocument");
            assertThat(driver.executeScript("return window.pwned === true;")).isEqualTo(false);
            driver.executeScript("document.querySelector('.tox-tinymce').scrollIntoView()");
            browser.screenshot("editor-desktop");
            // while the hostile markup was parsed, the page's CSP refused its inline styles and its onerror handler
            assertThat(errors(browser)).noneMatch(message -> message.contains("Content Security Policy") && !message.contains("blocked"));

            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            String stored = jdbc.queryForObject("select body_html from edition where title = ?", String.class, title);
            assertThat(stored).contains("<h2>一、接种安排</h2>", "<table>", "<td colspan=\"2\">", "<td rowspan=\"2\">", "越秀区", "12,345",
                    "二、保障措施");
            assertThat(stored).doesNotContain("style=", "class=", "onerror", "<o:p", "mso-", "javascript:", "<span", "<img",
                    "border=", "width=");
            assertThat(errors(browser)).isEmpty();
        }
    }

    @Test
    void aStaleSaveKeepsWhatWasTypedInTheEditor() {
        String department = jdbc.queryForObject(
                "select d.name from department d join staff_user u on u.department_id = d.id where u.username = 'clerk'", String.class);
        String clerk = TestAccounts.create(jdbc, department, "CLERK");
        String title = "并发编辑测试" + UUID.randomUUID().toString().substring(0, 6);
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            // headless Chromium keeps windows at least 500 px wide; emulate the 375 px phone for the screenshots
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
            browser.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/documents/new");
            driver.findElement(By.id("title")).sendKeys(title);
            new Select(driver.findElement(By.id("catalogueNodeId"))).selectByIndex(1);
            browser.setBody("<p>第一稿。</p>");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            long editionId = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);

            driver.get(baseUrl() + "/admin/documents/" + editionId + "/edit");
            browser.setBody("<h2>第二稿</h2><table><tbody><tr><td>单元格</td></tr></tbody></table>");
            driver.executeScript("document.querySelector('.tox-tinymce').scrollIntoView()");
            browser.screenshot("editor-phone");
            // someone else saves first
            jdbc.update("update edition set version = version + 1, title = title || '（他人修改）' where id = ?", editionId);
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();

            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.alert")));
            browser.waiting().until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
            assertThat((String) driver.executeScript("return tinymce.activeEditor.getContent();"))
                    .contains("<h2>第二稿</h2>", "单元格");
            assertThat(jdbc.queryForObject("select body_html from edition where id = ?", String.class, editionId))
                    .isEqualTo("<p>第一稿。</p>");
            browser.screenshot("editor-phone-conflict");
            driver.executeScript("document.querySelector('.tox-tinymce').scrollIntoView()");
            driver.executeScript("var e = tinymce.activeEditor; e.selection.select(e.dom.select('h2')[0].firstChild); e.nodeChanged();");
            assertThat(driver.findElement(By.cssSelector(".tox-tinymce .tox-tbtn--select .tox-tbtn__select-label")).getText())
                    .isEqualTo("二级标题");
            browser.screenshot("editor-phone-conflict-body");
            // the 409 itself is logged as a failed load; nothing else is
            assertThat(errors(browser)).allMatch(message -> message.contains("status of 409"));
        }
    }
}
