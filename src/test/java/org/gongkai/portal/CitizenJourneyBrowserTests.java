package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A citizen on a phone: home → catalogue → an item → its attachment → search 疫苗 → the AEFI report → 长者模式. */
class CitizenJourneyBrowserTests extends AbstractIntegrationTest {

    @Test
    void aCitizenFindsTheAefiReportAndItsDataOnAPhone() throws Exception {
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get(baseUrl() + "/");
            assertThat(driver.findElement(By.cssSelector(".emergency")).getText()).contains("登革热");
            driver.findElement(By.linkText("信息公开目录")).click();
            driver.findElement(By.linkText("疑似预防接种异常反应监测")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "疑似预防接种异常反应监测"));
            driver.findElement(By.partialLinkText("2025年度疑似预防接种异常反应监测报告")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/items/"));
            assertThat(driver.findElement(By.cssSelector("table.meta")).getText()).contains("索引号", "疾病预防控制科");
            String attachment = driver.findElement(By.cssSelector(".attachments a")).getAttribute("href");
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(attachment)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            assertThat(download.body()).startsWith(new byte[] {'P', 'K'});
            browser.screenshot("citizen-item-phone");

            driver.findElement(By.linkText("站内搜索")).click();
            driver.findElement(By.id("q")).sendKeys("疫苗");
            driver.findElement(By.cssSelector("form[role=search] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/search?q="));
            assertThat(driver.findElement(By.cssSelector(".results")).getText()).contains("疑似预防接种异常反应监测报告");
            assertThat(driver.findElements(By.cssSelector(".results mark"))).isNotEmpty();
            browser.screenshot("citizen-search-phone");
            // newest first, by a link that works without JavaScript
            driver.findElement(By.linkText("按发布日期")).click();
            browser.waiting().until(ExpectedConditions.urlContains("sort=date"));
            assertThat(driver.findElement(By.cssSelector(".search-sort a[aria-current]")).getText()).isEqualTo("按发布日期");
            assertThat(driver.findElement(By.cssSelector(".results")).getText()).contains("疑似预防接种异常反应监测报告");
            browser.screenshot("citizen-search-by-date-phone");

            driver.findElement(By.linkText("长者模式")).click();
            browser.waiting().until(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("elder"));
            assertThat(driver.getCurrentUrl()).contains("/search?q=");
        }
    }

    @Test
    void searchResultsByDateOnADesktop() {
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            driver.get(baseUrl() + "/search?q=" + java.net.URLEncoder.encode("疫苗", java.nio.charset.StandardCharsets.UTF_8)
                    + "&sort=date");
            assertThat(driver.findElement(By.cssSelector(".search-sort a[aria-current]")).getText()).isEqualTo("按发布日期");
            assertThat(driver.findElements(By.cssSelector(".results .result"))).isNotEmpty();
            // the sort survives a new query typed into the form
            driver.findElement(By.id("q")).clear();
            driver.findElement(By.id("q")).sendKeys("接种");
            driver.findElement(By.cssSelector("form[role=search] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("sort=date"));
            browser.screenshot("search-by-date-desktop");
        }
    }
}
