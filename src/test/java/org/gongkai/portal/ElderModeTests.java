package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import jakarta.servlet.http.Cookie;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class ElderModeTests extends AbstractIntegrationTest {

    @Test
    void theToggleSetsACookieAndReturnsOnlyToPathsOfThisSite() throws Exception {
        mvc.perform(get("/preferences/elder").param("on", "1").param("return", "/catalogue?x=1"))
                .andExpect(cookie().value("elder", "1")).andExpect(redirectedUrl("/catalogue?x=1"));
        for (String evil : new String[] {"https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"}) {
            mvc.perform(get("/preferences/elder").param("return", evil)).andExpect(redirectedUrl("/"));
        }
        mvc.perform(get("/").cookie(new Cookie("elder", "1")))
                .andExpect(content().string(Matchers.containsString("class=\"public elder\"")))
                .andExpect(content().string(Matchers.containsString("退出长者模式")));
    }

    @Test
    void aCitizenSwitchesToElderModeWithoutJavaScriptAndItStaysOn() {
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get(baseUrl() + "/catalogue");
            driver.findElement(By.linkText("长者模式")).click();
            browser.waiting().until(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("elder"));
            assertThat(driver.getCurrentUrl()).endsWith("/catalogue");
            driver.get(baseUrl() + "/");
            assertThat(driver.findElement(By.tagName("body")).getAttribute("class")).contains("elder");
            browser.screenshot("portal-elder-home-phone");
            driver.findElement(By.linkText("退出长者模式")).click();
            browser.waiting().until(d -> !d.findElement(By.tagName("body")).getAttribute("class").contains("elder"));
        }
    }
}
