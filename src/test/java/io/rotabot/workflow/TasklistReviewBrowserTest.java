package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

/**
 * A technician reviews a ticket in the real Camunda Tasklist, in Debian's headless Chromium: signs in,
 * opens the "Review ticket" task, reads the embedded form, approves the named account and completes the
 * task; the named account, and only it, is then rotated. Skipped where chromium or chromedriver is not
 * installed (CI installs both).
 */
class TasklistReviewBrowserTest extends EndToEndEnvironment {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String BOB_DN = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final long ALICE_CONTACT = 30_683_001;
    private static final long TICKET = 353_001;
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    @Autowired
    Directory directory;
    @Autowired
    TaskService tasks;
    @Autowired
    ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private ChromeDriverService chromedriver;
    private ChromeDriver browser;
    private Path profile;
    private final List<JsonNode> responses = new ArrayList<>();

    @BeforeAll
    static void chromiumAndChromedriverAreInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Tasklist browser test skipped: it needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "); apt-get install chromium chromium-driver");
    }

    @BeforeEach
    void aliceAndBobAreMatched() {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test");
        matches.sync("acme");
        for (String[] pair : new String[][] {{"alice@acme.test", "5001"}, {"bob@acme.test", "5002"}}) {
            DirectoryAccount account = directory.findByEmail("acme", pair[0]).orElseThrow();
            if (matches.approvedRecord("acme", account.id()).isEmpty()) {
                matches.approve("acme", List.of(new Approval(account.id(), Optional.of(pair[1]))));
            }
        }
        VendorStubs.autotaskContact(AUTOTASK, ALICE_CONTACT, ACME_COMPANY, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
    }

    @BeforeEach
    void headlessChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (String stale : List.of("tasklist-review.png", "tasklist-review-failure.png", "tasklist-review-failure.log",
                "tasklist-review-failure.html")) {
            Files.deleteIfExists(SCREENSHOTS.resolve(stale));
        }
        profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        // the binaries are given explicitly, so Selenium Manager never looks for (or downloads) a driver
        chromedriver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                        "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(chromedriver, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (chromedriver != null) {
            chromedriver.stop();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @Test
    void aTechnicianApprovesSomeoneElsesAccountInTasklistAndOnlyThatAccountIsRotated() throws Exception {
        // given: alice asks for bob's password, so the ticket waits for a review
        VendorStubs.autotaskTicket(AUTOTASK, TICKET, ACME_COMPANY, ALICE_CONTACT, "Password for Bob",
                "Please reset the password of bob@acme.test");
        deliver(webhook(TICKET, "Create"));
        Task review = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(Long.toString(TICKET)).taskDefinitionKey("review").singleResult(), t -> t != null);

        // when: a technician signs in to Tasklist, opens the task, claims it, approves account 1 and completes it
        webappsServeThisEngine();
        try {
            WebDriverWait page = new WebDriverWait(browser, PAGE_WAIT);
            String origin = "http://localhost:" + port;
            browser.get(origin + "/camunda/app/tasklist/default/");
            page.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form[name='signinForm'] input[ng-model='username']")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys("test-admin-password");
            browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
            JsonNode login = page.until(driver -> networkResponses().stream()
                    .filter(response -> response.path("url").asText().endsWith("/login/tasklist")).findFirst().orElse(null));
            assertThat(login.path("status").asInt()).as("the Tasklist login POST (403: Spring's CSRF check refused it)")
                    .isEqualTo(200);
            page.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));

            browser.get(origin + "/camunda/app/tasklist/default/#/?task=" + review.getId());
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-1"), "bob@acme.test"));
            assertThat(browser.findElement(By.cssSelector("h2.task")).getText())
                    .contains("Review ticket T20261127." + TICKET % 10000);
            assertThat(browser.findElement(By.id("account-1")).getText()).contains("someone else's account");
            assertThat(browser.findElements(By.cssSelector("#accounts tbody tr"))).hasSize(1);

            // Tasklist lets only the assignee complete a task: claim it, and Complete becomes enabled
            page.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
            By complete = By.xpath("//button[normalize-space()='Complete']");
            page.until(ExpectedConditions.elementToBeClickable(complete));
            page.until(ExpectedConditions.elementToBeClickable(By.id("approve-1"))).click();
            page.until(ExpectedConditions.elementSelectionStateToBe(By.id("approve-1"), true));
            screenshot("tasklist-review.png");

            browser.findElement(complete).click();
            page.until(ExpectedConditions.invisibilityOfElementLocated(By.id("account-1")));
        } catch (Throwable failure) {
            try {
                screenshot("tasklist-review-failure.png");
                saveBrowserLogs();
            } catch (Exception unsaved) {
                failure.addSuppressed(unsaved);
            }
            throw failure;
        }

        // then: the process ended having rotated bob's account, and alice's is untouched
        assertThat(awaitTicketProcessEnded(TICKET).getEndActivityId()).isEqualTo("endDone");
        List<LoggedRequest> patches = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5002")));
        assertThat(patches).as("one new password for bob's record").hasSize(1);
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).as("alice's record untouched").isEmpty();
        String bobs = json.readTree(patches.get(0).getBodyAsString()).path("data").path("attributes").path("password").asText();
        assertThat(binds(BOB_DN, bobs)).as("bob's account has the vault's new password").isTrue();
        JsonNode target = json.readTree(api("GET", "/api/tickets/" + TICKET + "/targets", null, true).body()).path(0);
        assertThat(target.path("decision").asText()).isEqualTo("APPROVED");
        assertThat(target.path("reviewedBy").asText()).as("the signed-in technician").isEqualTo("admin");

        // and: while the webapps sign in past Spring's CSRF check, the engine's REST API stays closed to strangers
        assertThat(api("GET", "/engine-rest/task", null, false).statusCode()).isEqualTo(401);
    }

    /**
     * The webapps find their engine through registries shared by the whole JVM (ProcessEngines and each app's runtime
     * delegate), which any other Spring context of this test run overwrites when it starts and clears when it closes
     * (RestartTest's restarts, other test classes' cached contexts): point them at this context's engine again.
     */
    private void webappsServeThisEngine() {
        ProcessEngines.registerProcessEngine(engine);
        Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }

    /** Every HTTP response the browser has received, from Chromium's performance log (which hands out each entry once). */
    private List<JsonNode> networkResponses() {
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = json.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.responseReceived")) {
                    responses.add(message.path("params").path("response"));
                }
            } catch (JsonProcessingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }
        return responses;
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The browser's console, the responses it received and the page, next to the failure's screenshot. */
    private void saveBrowserLogs() throws IOException {
        List<String> lines = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            lines.add("console " + entry.getLevel() + " " + entry.getMessage());
        }
        for (JsonNode response : networkResponses()) {
            if (response.path("url").asText().startsWith("http")) {
                lines.add("network " + response.path("status").asInt() + " " + response.path("url").asText());
            }
        }
        lines.add("url " + browser.getCurrentUrl());
        Files.write(SCREENSHOTS.resolve("tasklist-review-failure.log"), lines);
        Files.writeString(SCREENSHOTS.resolve("tasklist-review-failure.html"), browser.getPageSource());
    }
}
