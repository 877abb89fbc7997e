package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.nio.charset.StandardCharsets;
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
        // The script has read the schema and shown the questions that matter (data-ready).
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("tool-name")).isDisplayed()
                && "true".equals(d.findElement(By.id("context-questions")).getAttribute("data-ready")));
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

    /** The page's own texts in a language, read from the module's bundle as the server reads it. */
    static Properties pageTexts(Language language) throws IOException {
        String name = language == Language.EN ? "messages.properties" : "messages_fr.properties";
        Properties texts = new Properties();
        try (var in = PolicyPageBrowserTest.class.getResourceAsStream("/fr/inserm/aipolicy/server/" + name)) {
            texts.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** Checks that the page shows what the library decides for the same usage, in English. */
    private static void assertPageShows(Decision expected) throws IOException {
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(lastUsage).inLanguage(Language.EN));
        assertEquals(PolicyJson.write(expected), PolicyJson.write(report.decision()));
        assertPageShows(report, Language.EN);
    }

    /** The usage last given to {@link #decide(Usage)}. */
    private static Usage lastUsage;

    /** Checks that the page shows the report of the library for the same usage, in a language. */
    private static void assertPageShows(DecisionReport report, Language language) throws IOException {
        Properties labels = pageTexts(language);
        Decision expected = report.decision();
        WebElement verdict = byId("verdict");
        assertEquals(expected.verdict().name(), verdict.getAttribute("data-verdict"));
        assertEquals(labels.getProperty("verdict." + expected.verdict().name() + ".title"), byId("verdict-title").getText());
        assertTrue(byId("verdict-title").getText().contains(expected.verdict().name()), byId("verdict-title").getText());
        assertTrue(verdict.getAttribute("class").contains("verdict-" + expected.verdict().name().toLowerCase()));
        List<String> reasons = texts("reasons");
        assertEquals(expected.reasons().size(), reasons.size(), reasons.toString());
        for (int i = 0; i < reasons.size(); i++) {
            assertTrue(reasons.get(i).contains(expected.reasons().get(i).text()), reasons.get(i));
            assertTrue(reasons.get(i).startsWith(labels.getProperty("effect." + expected.reasons().get(i).effect().name())),
                    reasons.get(i));
        }
        List<String> obligations = expected.obligations().isEmpty() ? List.of() : texts("obligations");
        assertEquals(!expected.obligations().isEmpty(), byId("obligations-block").isDisplayed());
        assertEquals(expected.obligations().size(), obligations.size());
        for (int i = 0; i < obligations.size(); i++) {
            assertTrue(obligations.get(i).contains(expected.obligations().get(i).text()), obligations.get(i));
        }
        assertEquals(!expected.advice().isEmpty(), byId("advice-block").isDisplayed());
        List<WebElement> cited = driver.findElements(By.cssSelector("#citations details.clause"));
        assertEquals(expected.citedClauseIds(), cited.stream().map(e -> e.getAttribute("data-clause")).toList());
        for (int i = 0; i < cited.size(); i++) {
            Clause clause = expected.citations().get(i);
            assertEquals(clause.id() + ": " + clause.title(), cited.get(i).findElement(By.tagName("summary")).getText());
        }
        List<WebElement> contacts = driver.findElements(By.cssSelector("#contacts > li"));
        List<Contact> expectedContacts = expected.escalateTo().isEmpty() ? List.of(Contact.AI_UNIT) : expected.escalateTo();
        assertEquals(expectedContacts.stream().map(Contact::name).toList(),
                contacts.stream().map(e -> e.getAttribute("data-contact")).toList());
        for (int i = 0; i < report.contacts().size(); i++) {
            assertEquals(report.contacts().get(i).name(), contacts.get(i).findElement(By.tagName("strong")).getText());
        }
        for (WebElement contact : contacts) {
            // A way to reach each: the AI & Digital Unit's address, the only one published.
            assertEquals("mailto:pole.ia@inserm.fr", contact.findElement(By.tagName("a")).getAttribute("href"));
            String how = contact.getAttribute("data-contact").equals("AI_UNIT") ? "contact.reach.write" : "contact.reach.askUnit";
            assertTrue(contact.getText().contains(labels.getProperty(how)), contact.getText());
        }
    }

    /** Decides a usage as the library does, and remembers it for {@link #assertPageShows(Decision)}. */
    private static Decision decide(Usage usage) {
        lastUsage = usage;
        return engine.evaluate(usage);
    }

    @Test
    void showsADenyForUnpublishedResearchOnChatGpt() throws Exception {
        byId("tool-name").sendKeys("ChatGPT");
        click("hosting-EXTERNAL");
        click("cat-UNPUBLISHED_RESEARCH");
        new Select(byId("purpose")).selectByValue("WRITING");
        ask();

        Decision expected = decide(Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
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

        Decision expected = decide(Usage.builder().tool("Mistral API").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.AUTOMATED_PROCESSING)
                .context(fr.inserm.aipolicy.usage.Context.builder().dpiaCompleted(true).userTrained(true).build()).build());
        assertEquals("ESCALATE", expected.verdict().name());
        assertTrue(expected.escalateTo().contains(Contact.DPO));
        assertPageShows(expected);
        assertTrue(driver.findElements(By.cssSelector("#contacts > li[data-contact='DPO']")).size() == 1);

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
    void showsAnAllowWithItsObligationsUsingOnlyTheKeyboard() throws Exception {
        WebElement name = byId("tool-name");
        name.sendKeys("Llama3.2-1B");
        byId("hosting-LOCAL").sendKeys(Keys.SPACE);
        byId("cat-PUBLIC").sendKeys(Keys.SPACE);
        byId("purpose").sendKeys("Summ");
        byId("userTrained-yes").sendKeys(Keys.SPACE);
        byId("forPublication-yes").sendKeys(Keys.SPACE);
        name.sendKeys(Keys.ENTER); // submits the form from the text field
        waitForVerdict();

        Decision expected = decide(Usage.builder().tool("Llama3.2-1B").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION)
                .context(fr.inserm.aipolicy.usage.Context.builder().userTrained(true).forPublication(true).build()).build());
        assertEquals("ALLOW", expected.verdict().name());
        assertFalse(expected.obligations().isEmpty());
        assertPageShows(expected);
        // The keyboard lands on the answer.
        assertEquals("verdict-title", driver.switchTo().activeElement().getAttribute("id"));
        assertNoBrowserErrors();
    }

    @Test
    void sendsNoAnswerToAQuestionThatNoLongerShows() throws Exception {
        byId("tool-name").sendKeys("an in-house writing assistant");
        click("hosting-EXTERNAL");
        new Select(byId("purpose")).selectByValue("WRITING");
        click("subscription-INSERM_FUNDED");
        ask();
        assertEquals("DENY", byId("verdict").getAttribute("data-verdict")); // D3: R5.1
        assertTrue(byId("usage-json").getAttribute("textContent").contains("\"subscription\": \"INSERM_FUNDED\""));

        click("hosting-LOCAL"); // a subscription to an external platform no longer matters, and is hidden
        assertFalse(byId("q-subscription").isDisplayed());
        ask();
        assertEquals("ALLOW", byId("verdict").getAttribute("data-verdict"));
        assertFalse(byId("usage-json").getAttribute("textContent").contains("subscription"));
    }

    @Test
    void asksAboutTheReviewOfLocallyGeneratedCodeSince21() throws Exception {
        // 2.1: a review declared not to happen matters on a local model too (S9 for highly sensitive code)
        byId("tool-name").sendKeys("an in-house code assistant");
        click("hosting-LOCAL");
        new Select(byId("purpose")).selectByValue("CODE_GENERATION");
        assertTrue(byId("q-expertReview").isDisplayed());
        click("expertReview-no");
        assertTrue(byId("q-codeTarget").isDisplayed());
        click("codeTarget-CRYPTOGRAPHY");
        ask();
        assertEquals("ESCALATE", byId("verdict").getAttribute("data-verdict"));
    }

    @Test
    void namesTheMissingAnswersWhereTheFocusGoesAndDecidesNothing() throws IOException {
        Properties labels = pageTexts(Language.EN);
        click("ask");
        WebElement error = byId("error");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> error.isDisplayed());
        List<String> items = error.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
        // No hosting is asked here: a tool of the catalogue needs none, and the server names it when missing.
        assertEquals(List.of(labels.getProperty("error.missing.toolName"), labels.getProperty("error.missing.purpose")), items);
        assertFalse(byId("result").isDisplayed());
        // The keyboard lands on the list, and the list is on screen, not far below.
        assertEquals("error", driver.switchTo().activeElement().getAttribute("id"));
        Number top = (Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].getBoundingClientRect().top", error);
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
        assertTrue(top.doubleValue() >= 0 && top.doubleValue() < height.doubleValue() / 2,
                "error list at " + top + " px in a window of " + height);
        for (String id : List.of("tool-name", "purpose")) {
            assertEquals("true", byId(id).getAttribute("aria-invalid"), id);
        }
        // Each item leads to its question.
        error.findElements(By.tagName("a")).get(1).click();
        assertEquals("purpose", driver.switchTo().activeElement().getAttribute("id"));
    }

    @Test
    void labelsEveryControlAndAsksTriStateQuestions() throws Exception {
        List<WebElement> controls = driver.findElements(By.cssSelector("input:not([type='hidden']), select, textarea"));
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
    void readsWellOnAPhone() throws Exception {
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

    /** Where the screenshot of the French page is written; docs/web-fr.png is a copy of it. */
    static final Path SCREENSHOT_FR = Path.of("target", "web-fr.png");

    @Test
    void speaksFrenchFromTheFirstTextToTheDecision() throws Exception {
        Properties french = pageTexts(Language.FR);
        driver.get(server.uri().resolve("?lang=fr").toString());
        // The script has read the schema and shown the questions that matter (data-ready).
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("tool-name")).isDisplayed()
                && "true".equals(d.findElement(By.id("context-questions")).getAttribute("data-ready")));
        assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(french.getProperty("page.heading"), driver.findElement(By.tagName("h1")).getText());
        assertEquals(french.getProperty("h.hosting"), byId("h-hosting").getText());
        assertEquals(french.getProperty("button.ask"), byId("ask").getText());
        assertEquals(french.getProperty("page.title"), driver.getTitle());
        WebElement toEnglish = byId("lang-switch");
        assertEquals("English", toEnglish.getText());
        assertEquals("en", toEnglish.getAttribute("lang"));

        byId("tool-name").sendKeys("ChatGPT");
        click("hosting-EXTERNAL");
        click("cat-PSEUDONYMISED_DATA");
        new Select(byId("purpose")).selectByValue("DATA_ANALYSIS");
        click("userTrained-yes");
        ask();
        Usage usage = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PSEUDONYMISED_DATA).purpose(Purpose.DATA_ANALYSIS)
                .context(fr.inserm.aipolicy.usage.Context.builder().userTrained(true).build()).build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.FR).withAlternatives(true));
        assertEquals("DENY", report.decision().verdict().name());
        // The library's French texts, not its English ones.
        assertEquals(PolicyReports.of(engine).evaluate(usage, java.util.Locale.FRENCH).reasons().get(0).text(),
                report.decision().reasons().get(0).text());
        assertFalse(report.decision().reasons().get(0).text().equals(engine.evaluate(usage).reasons().get(0).text()));
        assertPageShows(report, Language.FR);
        assertAlternativesShown(report);
        // An English clause in French: its unofficial translation, marked, the source's words one click away
        Clause r41 = engine.clause("R4.1").orElseThrow();
        WebElement clause = driver.findElement(By.cssSelector("#citations details[data-clause='R4.1']"));
        clause.findElement(By.tagName("summary")).click();
        WebElement translated = clause.findElement(By.cssSelector("blockquote.translation"));
        assertEquals("fr", translated.getAttribute("lang"));
        assertEquals(r41.translation().text().replaceAll("\\s+", " "), translated.getText().replaceAll("\\s+", " "));
        assertTrue(clause.findElement(By.className("translation-note")).getText().startsWith("Traduction non officielle"));
        WebElement original = clause.findElement(By.cssSelector("details.original blockquote"));
        assertFalse(original.isDisplayed());
        clause.findElement(By.cssSelector("details.original summary")).click();
        assertEquals(r41.text().replaceAll("\\s+", " "), original.getText().replaceAll("\\s+", " "));
        assertEquals("en", original.getAttribute("lang"));
        assertNoBrowserErrors();

        driver.manage().window().setSize(new Dimension(900, 3000)); // the whole answer in the viewport
        Files.createDirectories(SCREENSHOT_FR.getParent());
        Path decision = SCREENSHOT_FR.resolveSibling("web-fr-decision.png");
        Files.copy(byId("result").getScreenshotAs(OutputType.FILE).toPath(), decision, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(decision) > 10_000);
        driver.manage().window().setSize(new Dimension(1000, 1400));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Files.createDirectories(SCREENSHOT_FR.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT_FR, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOT_FR) > 10_000);
    }

    @Test
    void followsTheBrowsersLanguageAndTheSwitch() throws Exception {
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang")); // the browser asks for en-GB
        click("lang-switch");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> "fr".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertEquals(pageTexts(Language.FR).getProperty("h.tool"), byId("h-tool").getText());
        click("lang-switch");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertEquals(pageTexts(Language.EN).getProperty("h.tool"), byId("h-tool").getText());
    }

    @Test
    void showsWhatWouldMakeADenyAllowed() throws Exception {
        byId("tool-name").sendKeys("a chat assistant"); // not ChatGPT, which cannot run locally
        click("hosting-EXTERNAL");
        click("cat-PSEUDONYMISED_DATA");
        new Select(byId("purpose")).selectByValue("DATA_ANALYSIS");
        ask();
        Usage usage = Usage.builder().tool("a chat assistant").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.PSEUDONYMISED_DATA).purpose(Purpose.DATA_ANALYSIS).build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN).withAlternatives(true));
        assertPageShows(report, Language.EN);
        assertAlternativesShown(report);
        assertTrue(byId("usage-json").getAttribute("textContent").contains("\"alternatives\": true"));

        // An ALLOW has none to show.
        click("hosting-LOCAL");
        ask();
        assertEquals("ALLOW", byId("verdict").getAttribute("data-verdict"));
        assertFalse(byId("alternatives-block").isDisplayed());
        assertNoBrowserErrors();
    }

    /** Where the screenshot of a decision with its assumptions is written; docs/web-assumptions.png is a copy of it. */
    static final Path SCREENSHOT_ASSUMPTIONS = Path.of("target", "web-assumptions.png");

    /** A model declared local, on health records: allowed, on what it takes for granted. */
    private static Usage.Builder localModelOnHealthRecords() {
        return Usage.builder().tool("a local model").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.IDENTIFIABLE_HEALTH_DATA).purpose(Purpose.SUMMARISATION);
    }

    private static void fillLocalModelOnHealthRecords() {
        byId("tool-name").sendKeys("a local model");
        click("hosting-LOCAL");
        click("cat-IDENTIFIABLE_HEALTH_DATA");
        new Select(byId("purpose")).selectByValue("SUMMARISATION");
    }

    /** Checks that the page lists the decision's assumptions: what was taken for granted, the verdict otherwise, the question. */
    private static void assertAssumptionsShown(DecisionReport report, Language language) throws IOException {
        Properties labels = pageTexts(language);
        List<fr.inserm.aipolicy.decision.Assumption> expected = report.decision().assumptions();
        assertFalse(expected.isEmpty(), "the library assumes something for this usage");
        assertTrue(byId("assumptions-block").isDisplayed());
        List<WebElement> items = driver.findElements(By.cssSelector("#assumptions > li"));
        assertEquals(expected.stream().map(fr.inserm.aipolicy.decision.Assumption::rule).toList(),
                items.stream().map(e -> e.getAttribute("data-assumption")).toList());
        for (int i = 0; i < items.size(); i++) {
            fr.inserm.aipolicy.decision.Assumption assumption = expected.get(i);
            WebElement item = items.get(i);
            assertEquals(assumption.field(), item.getAttribute("data-field"));
            assertEquals(assumption.question(), item.findElement(By.className("question")).getText());
            assertTrue(item.findElement(By.className("assumed")).getText().contains(assumption.text()), item.getText());
            assertEquals(labels.getProperty("assumption.otherwise").replace("{0}",
                    labels.getProperty("effect." + assumption.otherwise().name())), item.findElement(By.className("otherwise")).getText());
            assertFalse(item.findElements(By.cssSelector("button.answer")).isEmpty(), assumption.rule() + " has answers");
        }
    }

    private static WebElement answerButton(String rule, String value) {
        return driver.findElement(By.cssSelector("#assumptions li[data-assumption='" + rule + "'] button[data-value='" + value + "']"));
    }

    @Test
    void asksTheQuestionsOfWhatItTookForGrantedAndDecidesAgainOnTheAnswer() throws Exception {
        fillLocalModelOnHealthRecords();
        ask();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(localModelOnHealthRecords().build())
                .inLanguage(Language.EN).withAlternatives(true));
        assertEquals("ALLOW", report.decision().verdict().name());
        assertPageShows(report, Language.EN);
        assertAssumptionsShown(report, Language.EN);
        List<String> rules = report.decision().assumptions().stream().map(fr.inserm.aipolicy.decision.Assumption::rule).toList();
        assertTrue(rules.contains("U1") && rules.contains("U8"), rules.toString());
        // One button per value of the field, and, for the hosting, a confirmation or another hosting.
        assertEquals(2, driver.findElements(By.cssSelector("#assumptions li[data-assumption='U1'] button.answer")).size());
        assertEquals(Hosting.values().length,
                driver.findElements(By.cssSelector("#assumptions li[data-assumption='U8'] button.answer")).size());

        // The screenshot of the assumptions and their questions, for the documentation.
        driver.manage().window().setSize(new Dimension(900, 3000));
        Files.createDirectories(SCREENSHOT_ASSUMPTIONS.getParent());
        Files.copy(byId("result").getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT_ASSUMPTIONS,
                StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOT_ASSUMPTIONS) > 10_000);
        driver.manage().window().setSize(new Dimension(1000, 1200));

        // "No, I have not been trained": the answer goes into the usage and the page decides again.
        answerButton("U1", "false").click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "ESCALATE".equals(d.findElement(By.id("verdict")).getAttribute("data-verdict")));
        waitForVerdict();
        Usage untrained = localModelOnHealthRecords()
                .context(fr.inserm.aipolicy.usage.Context.builder().userTrained(false).build()).build();
        DecisionReport second = PolicyReports.of(engine).report(EvaluationRequest.of(untrained).inLanguage(Language.EN).withAlternatives(true));
        assertPageShows(second, Language.EN);
        assertTrue(second.decision().escalateTo().contains(Contact.TRAINING_UNIT));
        assertTrue(byId("usage-json").getAttribute("textContent").contains("\"userTrained\": false"));
        assertTrue(byId("userTrained-no").isSelected(), "the form shows the answer given");
        assertTrue(driver.findElements(By.cssSelector("#assumptions li[data-assumption='U1']")).isEmpty(),
                "a stated field is no longer assumed");

        // "It runs elsewhere": another hosting, decided again (external, with health data: refused).
        answerButton("U8", "EXTERNAL").click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "DENY".equals(d.findElement(By.id("verdict")).getAttribute("data-verdict")));
        assertTrue(byId("hosting-EXTERNAL").isSelected());
        assertNoBrowserErrors();
    }

    @Test
    void asksAFollowUpQuestionTheFormHadNotShown() throws Exception {
        // Data analysis on an external platform: whether code is generated, and for what, is assumed (U4),
        // and the form does not ask it for that purpose.
        byId("tool-name").sendKeys("a chat assistant");
        click("hosting-EXTERNAL");
        click("cat-PUBLIC");
        new Select(byId("purpose")).selectByValue("DATA_ANALYSIS");
        click("userTrained-yes");
        assertFalse(byId("q-codeTarget").isDisplayed());
        ask();
        List<String> answers = driver.findElements(By.cssSelector("#assumptions li[data-assumption='U4'] button.answer"))
                .stream().map(e -> e.getAttribute("data-value")).toList();
        assertEquals(fr.inserm.aipolicy.usage.ContextField.CODE_TARGET.acceptedTexts(), answers);
        answerButton("U4", "CRYPTOGRAPHY").click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "DENY".equals(d.findElement(By.id("verdict")).getAttribute("data-verdict")));
        assertTrue(byId("q-codeTarget").isDisplayed(), "the question answered now shows in the form");
        assertTrue(byId("codeTarget-CRYPTOGRAPHY").isSelected());
        Usage usage = Usage.builder().tool("a chat assistant").hosting(Hosting.EXTERNAL).dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.DATA_ANALYSIS).context(fr.inserm.aipolicy.usage.Context.builder().userTrained(true)
                        .codeTarget(fr.inserm.aipolicy.usage.CodeTarget.CRYPTOGRAPHY).build()).build();
        assertPageShows(PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN)), Language.EN);
        assertNoBrowserErrors();
    }

    @Test
    void sendsBackToTheDataQuestionWhenNoDataWasTicked() throws Exception {
        byId("tool-name").sendKeys("a chat assistant");
        click("hosting-EXTERNAL");
        new Select(byId("purpose")).selectByValue("WRITING");
        ask();
        Usage usage = Usage.builder().tool("a chat assistant").hosting(Hosting.EXTERNAL).purpose(Purpose.WRITING).build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN).withAlternatives(true));
        assertTrue(report.decision().assumptions().stream().anyMatch(a -> a.field().equals("dataCategories")),
                "the library assumes no data was given");
        assertPageShows(report, Language.EN);
        assertAssumptionsShown(report, Language.EN);
        String rule = report.decision().assumptions().stream().filter(a -> a.field().equals("dataCategories"))
                .findFirst().orElseThrow().rule();
        WebElement back = answerButton(rule, "data");
        assertEquals(pageTexts(Language.EN).getProperty("assumption.data.back"), back.getText());
        back.click();
        assertEquals("cat-IDENTIFIABLE_HEALTH_DATA", driver.switchTo().activeElement().getAttribute("id"));
        assertNoBrowserErrors();
    }

    @Test
    void asksAboutDeploymentForOthersAndItsChecks() throws Exception {
        byId("tool-name").sendKeys("a chat assistant");
        click("hosting-EXTERNAL");
        click("cat-PUBLIC");
        new Select(byId("purpose")).selectByValue("WRITING");
        assertTrue(byId("q-deployedForOthers").isDisplayed(), "a question of its own, always asked");
        assertFalse(byId("q-dpiaCompleted").isDisplayed());
        click("userTrained-yes");
        click("deployedForOthers-yes");
        assertTrue(byId("q-dpiaCompleted").isDisplayed(), "deploying for others on an external platform needs a DPIA");
        assertTrue(byId("q-subcontractingAgreement").isDisplayed());
        ask();
        fr.inserm.aipolicy.usage.Context.Builder context = fr.inserm.aipolicy.usage.Context.builder().userTrained(true).deployedForOthers(true);
        Usage usage = Usage.builder().tool("a chat assistant").hosting(Hosting.EXTERNAL).dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.WRITING).context(context.build()).build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN).withAlternatives(true));
        assertEquals("ESCALATE", report.decision().verdict().name());
        assertPageShows(report, Language.EN);
        click("dpiaCompleted-yes");
        click("subcontractingAgreement-yes");
        ask();
        Usage checked = Usage.builder().tool("a chat assistant").hosting(Hosting.EXTERNAL).dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.WRITING).context(context.dpiaCompleted(true).subcontractingAgreement(true).build()).build();
        DecisionReport allowed = PolicyReports.of(engine).report(EvaluationRequest.of(checked).inLanguage(Language.EN).withAlternatives(true));
        assertEquals("ALLOW", allowed.decision().verdict().name());
        assertPageShows(allowed, Language.EN);
        assertNoBrowserErrors();
    }

    @Test
    void theStrictBoxEscalatesWhatRestsOnAnAssumption() throws Exception {
        Properties labels = pageTexts(Language.EN);
        assertEquals(1, driver.findElements(By.cssSelector("label[for='strict']")).size());
        assertTrue(driver.findElement(By.cssSelector("label[for='strict']")).getText().contains(labels.getProperty("strict.label")));
        assertFalse(byId("strict").isSelected(), "not strict by default");
        fillLocalModelOnHealthRecords();
        byId("strict").click();
        ask();
        Usage usage = localModelOnHealthRecords().build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN).strict(true)
                .withAlternatives(true));
        assertEquals("ESCALATE", report.decision().verdict().name());
        assertEquals("STRICT", report.decision().reasons().get(0).rule());
        assertEquals(engine.evaluate(usage, true).verdict(), report.decision().verdict());
        assertPageShows(report, Language.EN);
        assertAssumptionsShown(report, Language.EN);
        assertEquals(List.of("STRICT"), driver.findElements(By.cssSelector("#reasons > li")).stream()
                .map(e -> e.getAttribute("data-rule")).toList());
        assertTrue(byId("usage-json").getAttribute("textContent").contains("\"strict\": true"));

        // Unticked, the same usage is allowed.
        byId("strict").click();
        ask();
        assertEquals("ALLOW", byId("verdict").getAttribute("data-verdict"));
        assertFalse(byId("usage-json").getAttribute("textContent").contains("strict"));
        assertNoBrowserErrors();
    }

    @Test
    void asksInFrenchOnTheFrenchPage() throws Exception {
        Properties french = pageTexts(Language.FR);
        driver.get(server.uri().resolve("?lang=fr").toString());
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("q-userTrained")).isDisplayed());
        // The context questions, built from the schema, in French; the new ones among them.
        assertEquals(french.getProperty("q.userTrained"), byId("q-userTrained").findElement(By.tagName("legend")).getText());
        assertEquals(french.getProperty("q.deployedForOthers"),
                byId("q-deployedForOthers").findElement(By.tagName("legend")).getText());
        assertTrue(driver.findElement(By.cssSelector("label[for='strict']")).getText().contains(french.getProperty("strict.label")));
        // Every context question of the library, shown or not, in French.
        List<WebElement> questions = driver.findElements(By.cssSelector("#context-questions > fieldset"));
        assertEquals(fr.inserm.aipolicy.usage.ContextField.all().stream().map(f -> "q-" + f.jsonName()).toList(),
                questions.stream().map(e -> e.getAttribute("id")).toList());
        for (WebElement question : questions) {
            String name = question.getAttribute("id").substring(2);
            assertEquals(french.getProperty("q." + name),
                    question.findElement(By.tagName("legend")).getAttribute("textContent"), name);
            assertEquals(french.getProperty("choice.unset"),
                    driver.findElement(By.cssSelector("label[for='" + name + "-unset']")).getAttribute("textContent"));
        }
        fillLocalModelOnHealthRecords();
        ask();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(localModelOnHealthRecords().build())
                .inLanguage(Language.FR).withAlternatives(true));
        assertPageShows(report, Language.FR);
        assertAssumptionsShown(report, Language.FR);
        DecisionReport english = PolicyReports.of(engine).report(EvaluationRequest.of(localModelOnHealthRecords().build()).inLanguage(Language.EN));
        assertFalse(report.decision().assumptions().get(0).question().equals(english.decision().assumptions().get(0).question()),
                "the library's French question, not its English one");
        assertEquals(french.getProperty("choice.no"), answerButton("U1", "false").getText());
        assertEquals(french.getProperty("h.assumptions"), byId("h-assumptions").getText());
        assertNoBrowserErrors();
    }

    @Test
    void asksWhetherAnInsermSubscriptionIsAuthorisedOnlyWhenInsermPays() throws Exception {
        byId("tool-name").sendKeys("Mistral Le Chat");
        click("hosting-EXTERNAL_SOVEREIGN");
        click("cat-PUBLIC");
        new Select(byId("purpose")).selectByValue("WRITING");
        assertFalse(byId("q-subscriptionAuthorised").isDisplayed());
        click("subscription-INSERM_FUNDED");
        assertTrue(byId("q-subscriptionAuthorised").isDisplayed());
        click("userTrained-yes");
        ask();
        assertEquals("ESCALATE", byId("verdict").getAttribute("data-verdict")); // S3: not authorised
        click("subscriptionAuthorised-yes");
        ask();
        Usage usage = Usage.builder().tool("Mistral Le Chat").hosting(Hosting.EXTERNAL_SOVEREIGN).dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.WRITING).context(fr.inserm.aipolicy.usage.Context.builder().userTrained(true)
                        .subscription(fr.inserm.aipolicy.usage.Subscription.INSERM_FUNDED).subscriptionAuthorised(true).build()).build();
        DecisionReport report = PolicyReports.of(engine).report(EvaluationRequest.of(usage).inLanguage(Language.EN));
        assertEquals("ALLOW", report.decision().verdict().name());
        assertPageShows(report, Language.EN);
        click("subscription-PERSONAL"); // hidden again, so not sent
        assertFalse(byId("q-subscriptionAuthorised").isDisplayed());
        ask();
        assertFalse(byId("usage-json").getAttribute("textContent").contains("subscriptionAuthorised"));
        assertNoBrowserErrors();
    }

    private static void assertAlternativesShown(DecisionReport report) {
        assertFalse(report.alternatives().isEmpty(), "the library finds alternatives for this usage");
        assertTrue(byId("alternatives-block").isDisplayed());
        List<String> expected = report.alternatives().stream().map(a -> String.join(" ",
                a.changes().stream().map(c -> c.text(report.language())).toList())).toList();
        assertEquals(expected, texts("alternatives"));
    }

    /** No script error and no Content-Security-Policy violation in the browser console. */
    private static void assertNoBrowserErrors() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        List<String> severe = entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertTrue(severe.isEmpty(), "browser console errors: " + severe);
    }
}
