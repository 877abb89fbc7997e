package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.inserm.aipolicy.Clause;
import fr.inserm.aipolicy.Contact;
import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.Purpose;
import fr.inserm.aipolicy.Usage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: a person fills the form and reads the decision.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver} ({@code bash .ci/browser.sh}).
 * Without them the tests are skipped, except on CI ({@code CI=true}) where they fail. Selenium is
 * given the driver and the browser explicitly, so Selenium Manager never downloads anything.
 */
class PolicyPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshot of a decision is written; docs/web-decision.png is a copy of it. */
    static final Path SCREENSHOT = Path.of("target", "web-decision.png");

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static ChromeDriver driver;
    private static Path profile;
    /** Kept referenced, so that the level set on it holds (loggers are weakly held). */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): install it with `sudo bash .ci/browser.sh` (Debian packages chromium and chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run the browser tests: " + message);
            }
            assumeTrue(false, message);
        }
        SELENIUM_LOG.setLevel(Level.SEVERE); // not the warning that no CDP module matches the browser
        engine = PolicyEngine.builder().build();
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0), null);
        profile = Files.createTempDirectory("aipolicy-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1000,1200", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void openThePage() {
        driver.manage().window().setSize(new Dimension(1000, 1200));
        driver.get(server.uri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("tool-name")).isDisplayed());
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static void click(String id) {
        byId(id).click();
    }

    private static void ask() {
        click("ask");
        waitForVerdict();
    }

    private static void waitForVerdict() {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            WebElement result = d.findElement(By.id("result"));
            WebElement error = d.findElement(By.id("error"));
            return result.isDisplayed() || error.isDisplayed();
        });
        assertFalse(byId("error").isDisplayed(), () -> "error shown: " + byId("error").getText());
    }

    private static List<String> texts(String listId) {
        return driver.findElements(By.cssSelector("#" + listId + " > li")).stream().map(WebElement::getText).toList();
    }

    /** Checks that the page shows what the library decides for the same usage. */
    private static void assertPageShows(Decision expected) {
        WebElement verdict = byId("verdict");
        assertEquals(expected.verdict().name(), verdict.getAttribute("data-verdict"));
        assertTrue(byId("verdict-title").getText().contains(expected.verdict().name()), byId("verdict-title").getText());
        assertTrue(verdict.getAttribute("class").contains("verdict-" + expected.verdict().name().toLowerCase()));
        List<String> reasons = texts("reasons");
        assertEquals(expected.reasons().size(), reasons.size(), reasons.toString());
        for (int i = 0; i < reasons.size(); i++) {
            assertTrue(reasons.get(i).contains(expected.reasons().get(i).text()), reasons.get(i));
            assertTrue(reasons.get(i).startsWith(expected.reasons().get(i).effect().name()), reasons.get(i));
        }
        List<String> obligations = expected.obligations().isEmpty() ? List.of() : texts("obligations");
        assertEquals(!expected.obligations().isEmpty(), byId("obligations-block").isDisplayed());
        assertEquals(expected.obligations().size(), obligations.size());
        for (int i = 0; i < obligations.size(); i++) {
            assertTrue(obligations.get(i).contains(expected.obligations().get(i).text()), obligations.get(i));
        }
        assertEquals(!expected.advice().isEmpty(), byId("advice-block").isDisplayed());
        List<String> citedOnPage = driver.findElements(By.cssSelector("#citations details")).stream()
                .map(e -> e.getAttribute("data-clause")).toList();
        assertEquals(expected.citedClauseIds(), citedOnPage);
        List<String> contacts = texts("contacts");
        List<Contact> expectedContacts = expected.escalateTo().isEmpty() ? List.of(Contact.AI_UNIT) : expected.escalateTo();
        assertEquals(expectedContacts.stream().map(Contact::description).toList(), contacts);
    }

    @Test
    void showsADenyForUnpublishedResearchOnChatGpt() {
        byId("tool-name").sendKeys("ChatGPT");
        click("hosting-EXTERNAL");
        click("cat-UNPUBLISHED_RESEARCH");
        new Select(byId("purpose")).selectByValue("WRITING");
        ask();

        Decision expected = engine.evaluate(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING).build());
        assertEquals("DENY", expected.verdict().name());
        assertPageShows(expected);
        assertTrue(byId("verdict-title").getText().contains("do not do this"));

        // A clause's text is shown on demand only.
        Clause r41 = engine.clause("R4.1").orElseThrow();
        WebElement clause = driver.findElement(By.cssSelector("#citations details[data-clause='R4.1']"));
        WebElement text = clause.findElement(By.tagName("blockquote"));
        assertFalse(text.isDisplayed());
        clause.findElement(By.tagName("summary")).click();
        assertTrue(text.isDisplayed());
        assertEquals(r41.text().replaceAll("\\s+", " "), text.getText().replaceAll("\\s+", " "));
        assertEquals(r41.language(), text.getAttribute("lang"));
        assertNoBrowserErrors();
    }

    @Test
    void showsAnEscalateAndAsksTheAutomationQuestionsOnlyWhenTheyMatter() throws IOException {
        assertFalse(byId("q-dpiaCompleted").isDisplayed());
        assertFalse(byId("q-subscription").isDisplayed());
        byId("tool-name").sendKeys("Mistral API");
        click("hosting-EXTERNAL");
        assertTrue(byId("q-subscription").isDisplayed());
        assertFalse(byId("q-dpiaCompleted").isDisplayed());
        click("cat-PUBLIC");
        new Select(byId("purpose")).selectByValue("AUTOMATED_PROCESSING");
        assertTrue(byId("q-dpiaCompleted").isDisplayed());
        assertTrue(byId("q-subcontractingAgreement").isDisplayed());
        assertFalse(byId("q-expertReview").isDisplayed());
        click("dpiaCompleted-yes");
        click("userTrained-yes");
        ask();

        Decision expected = engine.evaluate(Usage.builder().tool("Mistral API").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.AUTOMATED_PROCESSING)
                .context(fr.inserm.aipolicy.Context.builder().dpiaCompleted(true).userTrained(true).build()).build());
        assertEquals("ESCALATE", expected.verdict().name());
        assertTrue(expected.escalateTo().contains(Contact.DPO));
        assertPageShows(expected);
        assertTrue(texts("contacts").contains(Contact.DPO.description()));

        // The screenshot of a decision for the README, with one clause opened.
        driver.findElement(By.cssSelector("#citations details[data-clause='R4.4'] summary")).click();
        driver.manage().window().setSize(new Dimension(900, 3000)); // the whole answer in the viewport
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(byId("result").getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOT) > 10_000);
        assertNoBrowserErrors();
    }

    @Test
    void showsAnAllowWithItsObligationsUsingOnlyTheKeyboard() {
        WebElement name = byId("tool-name");
        name.sendKeys("Llama3.2-1B via Ollama");
        byId("hosting-LOCAL").sendKeys(Keys.SPACE);
        byId("cat-PUBLIC").sendKeys(Keys.SPACE);
        byId("purpose").sendKeys("Summ");
        byId("userTrained-yes").sendKeys(Keys.SPACE);
        byId("forPublication-yes").sendKeys(Keys.SPACE);
        name.sendKeys(Keys.ENTER); // submits the form from the text field
        waitForVerdict();

        Decision expected = engine.evaluate(Usage.builder().tool("Llama3.2-1B via Ollama").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION)
                .context(fr.inserm.aipolicy.Context.builder().userTrained(true).forPublication(true).build()).build());
        assertEquals("ALLOW", expected.verdict().name());
        assertFalse(expected.obligations().isEmpty());
        assertPageShows(expected);
        // The keyboard lands on the answer.
        assertEquals("verdict-title", driver.switchTo().activeElement().getAttribute("id"));
        assertNoBrowserErrors();
    }

    @Test
    void sendsNoAnswerToAQuestionThatNoLongerShows() {
        byId("tool-name").sendKeys("Copilot");
        click("hosting-EXTERNAL");
        new Select(byId("purpose")).selectByValue("CODE_GENERATION");
        click("expertReview-no");
        ask();
        assertEquals("DENY", byId("verdict").getAttribute("data-verdict"));
        assertTrue(byId("usage-json").getAttribute("textContent").contains("\"expertReview\": false"));

        click("hosting-LOCAL"); // the review question no longer matters, and is hidden
        assertFalse(byId("q-expertReview").isDisplayed());
        ask();
        assertEquals("ALLOW", byId("verdict").getAttribute("data-verdict"));
        assertFalse(byId("usage-json").getAttribute("textContent").contains("expertReview"));
    }

    @Test
    void namesTheMissingAnswersAndDecidesNothing() {
        click("ask");
        WebElement error = byId("error");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> error.isDisplayed());
        assertTrue(error.getText().contains("name of the AI tool"), error.getText());
        assertTrue(error.getText().contains("where the tool runs"), error.getText());
        assertTrue(error.getText().contains("what you use it for"), error.getText());
        assertFalse(byId("result").isDisplayed());
        assertEquals("tool-name", driver.switchTo().activeElement().getAttribute("id"));
        assertEquals("true", byId("tool-name").getAttribute("aria-invalid"));
    }

    @Test
    void labelsEveryControlAndAsksTriStateQuestions() {
        List<WebElement> controls = driver.findElements(By.cssSelector("input, select, textarea"));
        assertTrue(controls.size() > 30, "controls: " + controls.size());
        for (WebElement control : controls) {
            String id = control.getAttribute("id");
            assertFalse(id == null || id.isEmpty(), "a control without id: " + control.getAttribute("name"));
            assertEquals(1, driver.findElements(By.cssSelector("label[for='" + id + "']")).size(), "label for " + id);
        }
        for (WebElement fieldset : driver.findElements(By.cssSelector("fieldset.tri"))) {
            String question = fieldset.getAttribute("id");
            List<WebElement> radios = fieldset.findElements(By.cssSelector("input[type='radio']"));
            assertTrue(radios.size() >= 3, question);
            assertEquals("", radios.get(0).getAttribute("value"), question + ": first choice is not stated");
            assertTrue(radios.get(0).isSelected(), question + ": not stated by default");
        }
    }

    @Test
    void readsWellOnAPhone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(server.uri().toString());
        byId("tool-name").sendKeys("ChatGPT");
        click("hosting-EXTERNAL");
        click("cat-UNKNOWN");
        new Select(byId("purpose")).selectByValue("TRANSLATION");
        ask();
        assertEquals("ESCALATE", byId("verdict").getAttribute("data-verdict"));
        JavascriptExecutor js = driver;
        Number scrollWidth = (Number) js.executeScript("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) js.executeScript("return document.documentElement.clientWidth");
        assertTrue(scrollWidth.intValue() <= clientWidth.intValue(),
                "no sideways scrolling on a phone: " + scrollWidth + " > " + clientWidth);
    }

    /** No script error and no Content-Security-Policy violation in the browser console. */
    private static void assertNoBrowserErrors() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        List<String> severe = entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertTrue(severe.isEmpty(), "browser console errors: " + severe);
    }
}
