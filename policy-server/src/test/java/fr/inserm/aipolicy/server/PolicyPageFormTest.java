package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page for everyone, in a real headless Chromium: the same form sent with JavaScript (the script
 * asks {@code POST /api/decisions} and builds the decision) and without it (the browser posts the form,
 * the server writes the decision into the page), in English and in French, must show the same decision;
 * the hosting may be left out for a tool of the catalogue; a decision prints on one page and can be
 * sent by mail with the link to ask again. Skipped without Chromium, as {@link PolicyPageBrowserTest}.
 */
class PolicyPageFormTest {
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");

    private static PolicyEngine engine;
    private static PolicyServer server;
    private static ChromeDriver withScript;
    private static ChromeDriver withoutScript;
    private static final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(PolicyPageBrowserTest.CHROMIUM) && Files.isExecutable(PolicyPageBrowserTest.CHROMEDRIVER)
                || "true".equals(System.getenv("CI")), "headless Chromium is not installed (sudo bash .ci/browser.sh)");
        SELENIUM_LOG.setLevel(Level.SEVERE);
        engine = PolicyEngine.builder().build();
        server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0), null);
        withScript = browser(true);
        withoutScript = browser(false);
    }

    private static ChromeDriver browser(boolean script) throws IOException {
        Path profile = Files.createTempDirectory("aipolicy-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(PolicyPageBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1000,1200", "--lang=fr-FR");
        // French first, as a browser set to French asks (Accept-Language).
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr,en"));
        if (!script) {
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(PolicyPageBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @AfterAll
    static void stop() throws IOException {
        for (ChromeDriver driver : new ChromeDriver[] {withScript, withoutScript}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (server != null) {
            server.close();
        }
        for (Path profile : profiles) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Opens the page (French by the browser's Accept-Language unless {@code query} says) and fills the form. */
    private static void fill(ChromeDriver driver, String query, String tool, String hosting, List<String> categories,
            String purpose) {
        driver.get(server.uri().toString() + query);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // Without the script, the questions the server wrote; with it, once it has read the schema.
        wait.until(d -> !d.findElements(By.id("q-userTrained")).isEmpty() && (driver == withoutScript
                || "true".equals(d.findElement(By.id("context-questions")).getAttribute("data-ready"))));
        driver.findElement(By.id("tool-name")).sendKeys(tool);
        if (hosting != null) {
            driver.findElement(By.id("hosting-" + hosting)).click();
        }
        for (String category : categories) {
            driver.findElement(By.id("cat-" + category)).click();
        }
        new Select(driver.findElement(By.id("purpose"))).selectByValue(purpose);
    }

    /** Sends the form and waits for the decision or the problem. */
    private static void ask(ChromeDriver driver) {
        driver.findElement(By.id("ask")).click();
        // Without the script the click sends the form: the page found may be the one being left (stale), so look again.
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("result")).isDisplayed()
                || d.findElement(By.id("error")).isDisplayed());
    }

    private static List<String> texts(ChromeDriver driver, String selector) {
        return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    /** What a person reads of a decision, part by part. */
    private static Map<String, Object> shown(ChromeDriver driver) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("lang", driver.findElement(By.tagName("html")).getAttribute("lang"));
        parts.put("verdict", driver.findElement(By.id("verdict")).getAttribute("data-verdict"));
        parts.put("class", driver.findElement(By.id("verdict")).getAttribute("class"));
        for (String id : List.of("verdict-title", "verdict-summary", "contacts-intro", "policy-version")) {
            parts.put(id, driver.findElement(By.id(id)).getText());
        }
        for (String list : List.of("reasons", "obligations", "advice", "alternatives", "assumptions", "contacts")) {
            parts.put(list, texts(driver, "#" + list + " > li"));
            parts.put(list + "-shown", driver.findElement(By.id(list)).isDisplayed());
        }
        parts.put("citations", driver.findElements(By.cssSelector("#citations details")).stream()
                .map(e -> e.getAttribute("data-clause") + " " + e.findElement(By.tagName("summary")).getText()).toList());
        return parts;
    }

    @Test
    void theFormDecidesTheSameWithAndWithoutJavaScriptInFrenchAndEnglish() throws Exception {
        for (String query : List.of("", "?lang=en")) {
            Language language = query.isEmpty() ? Language.FR : Language.EN;
            Properties labels = PolicyPageBrowserTest.pageTexts(language);
            List<Map<String, Object>> both = new ArrayList<>();
            for (ChromeDriver driver : List.of(withScript, withoutScript)) {
                // ChatGPT is in the catalogue: no hosting is given, the catalogue's is used.
                fill(driver, query, "ChatGPT", null, List.of("UNPUBLISHED_RESEARCH"), "WRITING");
                ask(driver);
                String mode = driver == withScript ? "with JavaScript" : "without JavaScript";
                assertFalse(driver.findElement(By.id("error")).isDisplayed(),
                        mode + ": " + driver.findElement(By.id("error")).getText());
                Map<String, Object> shown = shown(driver);
                assertEquals(language.code(), shown.get("lang"), mode);
                assertEquals("DENY", shown.get("verdict"), mode);
                assertEquals(labels.getProperty("verdict.DENY.title"), shown.get("verdict-title"), mode);
                assertFalse(((List<?>) shown.get("reasons")).isEmpty(), mode);
                assertFalse(((List<?>) shown.get("citations")).isEmpty(), mode);
                both.add(shown);
            }
            assertEquals(both.get(0), both.get(1), "the script and the server show the same decision, " + language);
            // The answers stay in the form of the page the server wrote.
            assertEquals("ChatGPT", withoutScript.findElement(By.id("tool-name")).getAttribute("value"));
            assertTrue(withoutScript.findElement(By.id("cat-UNPUBLISHED_RESEARCH")).isSelected());
        }
    }

    @Test
    void aToolTheCatalogueDoesNotKnowNeedsItsHostingWithAndWithoutJavaScript() throws Exception {
        for (ChromeDriver driver : List.of(withScript, withoutScript)) {
            fill(driver, "?lang=en", "Some lab tool", null, List.of("PUBLIC"), "WRITING");
            ask(driver);
            WebElement error = driver.findElement(By.id("error"));
            assertTrue(error.isDisplayed(), "no decision without a hosting");
            assertTrue(error.getText().contains("hosting"), error.getText());
            assertFalse(driver.findElement(By.id("result")).isDisplayed());
            assertFalse(NeighboursWords.parserWords(error.getText()), error.getText());
        }
    }

    @Test
    void aDecisionPrintsOnOnePageAndIsSentWithTheLinkToAskAgain() throws Exception {
        for (ChromeDriver driver : List.of(withScript, withoutScript)) {
            // A long decision: health data on an external platform to train a model.
            fill(driver, "", "ChatGPT", null, List.of("IDENTIFIABLE_HEALTH_DATA", "PERSONAL_DATA", "UNPUBLISHED_RESEARCH"),
                    "MODEL_TRAINING");
            ask(driver);
            assertTrue(driver.findElement(By.id("result")).isDisplayed());
            Pdf pdf = driver.print(new PrintOptions());
            byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
            Path file = Files.createTempFile("aipolicy-decision-", ".pdf");
            Files.write(file, bytes);
            int pages = pages(file, bytes);
            String mode = driver == withScript ? "with JavaScript" : "without JavaScript";
            assertEquals(1, pages, mode + ": the decision prints on one page (" + file + ")");
            String printed = pdfText(file);
            if (printed != null) {
                String title = driver.findElement(By.id("verdict-title")).getText();
                assertTrue(printed.contains(title.substring(title.indexOf(' ') + 1, title.indexOf(' ') + 8)), printed);
                assertTrue(printed.contains(texts(driver, "#citations summary").get(0).split(":")[0]), "the clauses");
                assertFalse(printed.contains(driver.findElement(By.id("tool-name")).getAccessibleName()), "not the form");
            }
            Files.deleteIfExists(file);

            String mail = driver.findElement(By.id("send-decision")).getAttribute("href");
            assertTrue(mail.startsWith("mailto:pole.ia@inserm.fr?subject="), mail);
            String body = URLDecoder.decode(mail.substring(mail.indexOf("&body=") + 6).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            assertTrue(body.contains(driver.findElement(By.id("verdict-title")).getText()), body);
            Matcher link = Pattern.compile("(http://\\S+)").matcher(body);
            assertTrue(link.find(), body);
            Map<String, Object> before = shown(driver);
            // The link asks again: the page the server writes for it shows the same decision.
            withoutScript.get(link.group(1));
            assertTrue(withoutScript.findElement(By.id("result")).isDisplayed(), link.group(1));
            assertEquals(before, shown(withoutScript), mode + ": the link to ask again gives the same decision");
        }
    }

    /** Pages of a PDF: pdfinfo when installed (poppler-utils), else the page objects counted. */
    private static int pages(Path file, byte[] bytes) throws Exception {
        String info = run("pdfinfo", file.toString());
        if (info != null) {
            Matcher m = Pattern.compile("Pages:\\s+(\\d+)").matcher(info);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        Matcher m = PDF_PAGE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static String pdfText(Path file) throws Exception {
        return run("pdftotext", file.toString(), "-");
    }

    private static String run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null; // not installed
        }
    }

    /** The parser words {@link PolicyServerNeighboursTest} looks for. */
    static final class NeighboursWords {
        static boolean parserWords(String text) {
            return PolicyServerNeighboursTest.PARSER_WORDS.matcher(text).find();
        }
    }
}
