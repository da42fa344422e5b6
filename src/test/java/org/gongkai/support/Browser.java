package org.gongkai.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (nothing is downloaded at run time).
 * Without Chromium the browser tests are skipped with a message, except under CI, where they fail.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a phone-or-desktop window size; skips (or fails under CI) when Chromium is missing. */
    public static Browser start(int width, int height) {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing: .ci/run must install chromium, chromium-driver and fonts-noto-cjk");
            }
            System.out.println("SKIPPED browser test: Chromium not installed (apt-get install chromium chromium-driver fonts-noto-cjk)");
            Assumptions.abort("Chromium is not installed; browser tests skipped outside CI");
        }
        try {
            Path profile = Files.createTempDirectory("gongkai-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "--lang=zh-CN");
            // lets tests read the console (CSP violations are reported there)
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Browser desktop() {
        return start(1280, 900);
    }

    public static Browser phone() {
        return start(375, 812);
    }

    /**
     * A phone of the given CSS width, emulated (touch viewport, no scrollbar): headless Chromium does not make windows narrower
     * than about 500 px, so a window size alone does not give a 390 px layout.
     */
    public static Browser phone(int width, int height) {
        Browser browser = start(Math.max(width, 500), height);
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", true));
        return browser;
    }

    /** Runs axe-core (src/test/resources/axe) over the current page: every violation as "rule impact [first nodes]". */
    @SuppressWarnings("unchecked")
    public java.util.List<String> axeViolations() {
        try (java.io.InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            driver.executeScript(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return (java.util.List<String>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
                + "v.id + ' ' + v.impact + ' ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));");
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Waits up to 15 s, looking again when the condition read the page while it was being replaced: an element not (yet) there,
     * a stale element, Chrome's "Node with given id does not belong to the document" (a plain WebDriverException, not a
     * StaleElementReferenceException), or a script run in a document that navigated away. Any other exception fails at once.
     */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15)) {
            @Override
            public <V> V until(java.util.function.Function<? super WebDriver, ? extends V> isTrue) {
                return super.until(d -> {
                    try {
                        return isTrue.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (pageBeingReplaced(e)) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
        wait.ignoring(org.openqa.selenium.NotFoundException.class);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static boolean pageBeingReplaced(org.openqa.selenium.WebDriverException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("does not belong to the document") || message.contains("Execution context was destroyed")
                || message.contains("Inspected target navigated or closed") || message.contains("target frame detached");
    }

    /** Saves a screenshot under target/screenshots for people to look at. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs in through the login page (after signing out whoever was signed in) and waits for the console; where the account
     * has a second factor, types the current code computed from its secret ({@link TestTotp}).
     */
    public void signIn(String baseUrl, String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/login");
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/admin") || d.getCurrentUrl().contains("/login/code"));
        if (driver.getCurrentUrl().contains("/login/code")) {
            enterCode(TestTotp.nextCode(username));
        }
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/admin"));
    }

    /** Types a second-factor code on the code page and submits it. */
    public void enterCode(String code) {
        driver.findElement(org.openqa.selenium.By.id("code")).sendKeys(code);
        driver.findElement(org.openqa.selenium.By.cssSelector("form[action$='/login/code'] button[type=submit]")).click();
    }

    /** Console messages at level SEVERE since the last call (chromedriver hands each message out once). */
    public java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    /**
     * Puts HTML into the edition body of admin/content/form.html: through the rich-text editor (static/js/editor.js) once it
     * has started, the way pasted content goes in; into the plain textarea when the editor is not there.
     */
    public void setBody(String html) {
        boolean editor;
        try {
            waiting().until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
            editor = true;
        } catch (org.openqa.selenium.TimeoutException e) {
            editor = false;
        }
        if (editor) {
            driver.executeScript("tinymce.activeEditor.setContent(arguments[0]); tinymce.activeEditor.save();", html);
        } else {
            driver.findElement(org.openqa.selenium.By.id("bodyHtml")).sendKeys(html);
        }
    }

    public WebDriver webDriver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
