package org.gongkai.support;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The reviewer's and the approver's steps in a browser, for tests that take an item through the workflow. */
public final class ReviewSteps {

    private static final String[] CHECKLIST = {"noStateSecrets", "noWorkSecrets", "privacyHandled", "noCommercialSecrets",
            "noSecurityRisk", "attributeCorrect"};

    private ReviewSteps() {
    }

    /** Signs in as the demo reviewer, ticks the whole checklist and passes the submitted item with this title. */
    public static void passReview(Browser browser, String baseUrl, String title, String opinion) {
        var driver = browser.driver();
        browser.signIn(baseUrl, "reviewer", TestAccounts.PASSWORD);
        driver.get(baseUrl + "/admin/review");
        driver.findElement(By.linkText(title)).click();
        for (String box : CHECKLIST) {
            driver.findElement(By.id(box)).click();
        }
        driver.findElement(By.id("opinion")).sendKeys(opinion);
    }

    /** Sends the review form filled by {@link #passReview} and waits for the queue. */
    public static void submitReview(Browser browser) {
        browser.driver().findElement(By.cssSelector(".review-form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/review$"));
    }

    /** Signs in as the demo approver and approves the reviewed item with this title. */
    public static void approve(Browser browser, String baseUrl, String title) {
        var driver = browser.driver();
        browser.signIn(baseUrl, "approver", TestAccounts.PASSWORD);
        driver.get(baseUrl + "/admin/approval");
        driver.findElement(By.linkText(title)).click();
        driver.findElement(By.id("approve-opinion")).sendKeys("同意发布。");
        driver.findElement(By.xpath("//button[text()='同意发布']")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/approval$"));
    }
}
