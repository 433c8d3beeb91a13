package io.rotabot.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.intake.WebhookSignature;
import io.rotabot.sandbox.SandboxDirectory;
import io.rotabot.testing.PostgresDatabase;
import io.rotabot.testing.TestSecrets;
import io.rotabot.testing.VendorStubs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's crash test: Rotabot killed with SIGKILL at each step of a rotation, and started again on the
 * same PostgreSQL database, leaves no password stranded. Rotabot runs in a JVM of its own; its peers run
 * in this one, so they outlive it and can stop an operation exactly at a step: the directory (a sandbox
 * directory behind a {@link HeldDirectory}), IT Glue and Autotask (WireMock stubs in their wire formats,
 * answers held by {@link HeldAnswers}). Each round holds five rotations in one JVM life, each at another
 * {@link KillPoint}, sees every hold reached from the peer's side, kills the JVM, starts the next one, and
 * then checks with binds against the directory that the password the vault stub last stored is the one
 * the account signs in with (and the old one no longer is), that every rotation ended {@code Successful},
 * and that the ticket has exactly one note. The restarted JVM carries the next round, so N rounds take
 * N + 1 JVM starts. Rounds: {@value #DEFAULT_ROUNDS}, or the system property {@value #ROUNDS_PROPERTY}
 * (the {@code reliability} Maven profile sets 20).
 */
class CrashRecoveryTest {

    static final String ROUNDS_PROPERTY = "rotabot.crash.rounds";
    static final int DEFAULT_ROUNDS = 3;
    private static final int ROUNDS = Integer.getInteger(ROUNDS_PROPERTY, DEFAULT_ROUNDS);

    private static final String ORGANIZATION = "acme";
    private static final long ITGLUE_ORGANIZATION = 3821001;
    private static final long AUTOTASK_COMPANY = 1001;
    private static final String SERVICE_DN = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String SERVICE_PASSWORD = "Demo-Svc-Passw0rd-acme!";
    private static final String ADMIN_PASSWORD = "crash-test-admin";
    private static final String WEBHOOK_SECRET = "crash-test-webhook-secret";
    /**
     * The job lock of the Rotabot JVMs. A killed JVM's jobs stay locked this long, so the next JVM re-runs
     * the ticket's note job only then (Camunda's default is five minutes); a JVM must be killed well within
     * it, or its own job executor would run a held job a second time, which the test would see as a
     * second request and report.
     */
    private static final Duration JOB_LOCK = Duration.ofSeconds(90);
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration TO_REACH_HOLD = Duration.ofMinutes(2);
    private static final Duration TO_RECOVER = JOB_LOCK.plus(Duration.ofMinutes(3));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path work;
    private static SandboxDirectory directory;
    private static HeldDirectory heldDirectory;
    private static final HeldAnswers itglueHolds = new HeldAnswers();
    private static final HeldAnswers autotaskHolds = new HeldAnswers();
    private static final AutotaskNotes notes = new AutotaskNotes();
    private static WireMockServer itglue;
    private static WireMockServer autotask;
    private static String databaseUrl;
    private static final String masterKey = TestSecrets.newMasterKey();
    /** Every Rotabot JVM started, so none outlives the test. */
    private static final List<RotabotProcess> lives = new ArrayList<>();
    /** Every hold armed, so no peer thread outlives the test. */
    private static final List<Hold> holdsArmed = new ArrayList<>();

    /** Where a rotation is when its JVM is killed. */
    enum KillPoint {
        JOURNAL_WRITTEN("after the journal write, before the directory is changed"),
        DIRECTORY_CHANGED("after the directory applied the reset, before its answer is read"),
        VAULT_PATCHED("after the vault applied the PATCH, before its answer is read"),
        VAULT_ANSWERED("after the vault's answer, while the read-back GET's answer is held"),
        TICKET_NOTE("during the ticket note: the note POST received, its answer held");

        final String description;

        KillPoint(String description) {
            this.description = description;
        }
    }

    /** One account of one round, rotated and killed at its point; a fresh directory entry and vault record. */
    private record Account(KillPoint point, String name, String recordId) {

        String dn() {
            return "CN=" + name + ",CN=Users,DC=acme,DC=test";
        }

        String logonName() {
            return name + "@acme.test";
        }

        String oldPassword() {
            return "Before-Crash-" + name + "-7q!";
        }
    }

    @BeforeAll
    static void peers() throws Exception {
        work = Path.of(System.getProperty("user.dir"), "target", "crash-recovery");
        if (Files.exists(work)) {
            try (Stream<Path> old = Files.walk(work)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(work);
        directory = SandboxDirectory.start(0, work.resolve("ldap"), CrashRecoveryTest.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
        heldDirectory = HeldDirectory.inFrontOf(directory, work.resolve("ldap-front"));
        itglue = new WireMockServer(options().dynamicPort().extensions(new VendorStubs.ITGlueReadBack(), itglueHolds));
        autotask = new WireMockServer(options().dynamicPort().extensions(notes, autotaskHolds));
        itglue.start();
        autotask.start();
        notes.stubOn(autotask);
        databaseUrl = PostgresDatabase.recreate("crash_recovery");
    }

    @AfterAll
    static void stopPeers() {
        holdsArmed.forEach(Hold::drop);
        Stream.of(autotask, itglue).filter(server -> server != null).forEach(WireMockServer::stop);
        Stream.of(heldDirectory, directory).filter(peer -> peer != null).forEach(peer -> {
            try {
                peer.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRotationKilledAtAnyStepEndsSuccessfulWithTheVaultHoldingThePasswordTheDirectoryAccepts() throws Exception {
        Instant began = Instant.now();
        Tally tally = new Tally();
        try {
            RotabotProcess life = startRotabot();
            for (int round = 1; round <= ROUNDS; round++) {
                life = crashAndRestart(round, life, tally);
            }
        } finally {
            for (RotabotProcess life : lives) {
                life.close();
            }
        }
        String report = tally.report(Duration.between(began, Instant.now()));
        System.out.println(report);
        assertThat(tally.failures).as(report).isEmpty();
    }

    /**
     * One round: five rotations held at the five points in {@code life}, a SIGKILL, a new JVM on the same
     * database, the checks. Returns the new JVM, which carries the next round.
     */
    private RotabotProcess crashAndRestart(int number, RotabotProcess life, Tally tally) throws Exception {
        Instant began = Instant.now();
        Round round = new Round(number);

        // given: five accounts matched to their vault records, a reset ticket from one of them, a hold for each
        matchedAccounts(life, round.accounts.values());
        round.ticketFromTheRequester();
        round.armHolds();

        // when: the ticket runs up to its note, four bulk rotations up to their points, and the JVM is killed there
        assertThat(deliverTicketWebhook(life, round.ticketId).statusCode()).as("webhook accepted").isEqualTo(202);
        round.awaitHold(KillPoint.TICKET_NOTE, life);
        round.batch = rotateInBulk(life, round.bulkAccounts());
        round.bulkPoints().forEach(point -> round.awaitHold(point, life));
        Duration toHolds = Duration.between(began, Instant.now());
        round.findRotations(life);
        round.checkTheHeldPoints(life);

        RotabotProcess.Kill kill = life.sigkill();
        assertThat(kill.wasSigkillOfALiveProcess())
                .as("round %d: the JVM (pid %d) was alive, died of SIGKILL (exit %d, expected %d) and is gone: %s",
                        number, kill.pid(), kill.exitValue(), RotabotProcess.KILLED_BY_SIGKILL, kill)
                .isTrue();
        round.checkOnlyTheHeldRequestsWereMade();
        round.releaseHoldsToTheDead();

        Instant restarted = Instant.now();
        RotabotProcess next = startRotabot();
        Duration startup = Duration.between(restarted, Instant.now());

        // then: every rotation ends Successful, the vault holds what the directory accepts, the ticket has one note
        round.awaitRecovery(next);
        round.checkAfterTheRestart(next);

        tally.add(number, round.problems, life, next);
        System.out.printf("Crash round %d: holds reached after %.1f s, killed pid %d (exit %d), restarted in %.1f s, round took %.1f s%n",
                number, seconds(toHolds), kill.pid(), kill.exitValue(), seconds(startup), seconds(Duration.between(began, Instant.now())));
        return next;
    }

    /** The accounts, holds and findings of one round. */
    private static final class Round {

        private static final List<KillPoint> BULK = List.of(KillPoint.JOURNAL_WRITTEN, KillPoint.DIRECTORY_CHANGED,
                KillPoint.VAULT_PATCHED, KillPoint.VAULT_ANSWERED);
        /** Where the journal must be while each operation is held, for the kill to be a kill at that point. */
        private static final Map<KillPoint, String> JOURNAL_AT_THE_POINT = Map.of(
                KillPoint.JOURNAL_WRITTEN, "PENDING", KillPoint.DIRECTORY_CHANGED, "PENDING",
                KillPoint.VAULT_PATCHED, "DIRECTORY_SET", KillPoint.VAULT_ANSWERED, "DIRECTORY_SET",
                KillPoint.TICKET_NOTE, "DONE");

        private final int number;
        private final long ticketId;
        private final Map<KillPoint, Account> accounts = new EnumMap<>(KillPoint.class);
        private final Map<KillPoint, Hold> holds = new EnumMap<>(KillPoint.class);
        private final Map<KillPoint, List<String>> problems = new EnumMap<>(KillPoint.class);
        private final Map<KillPoint, String> rotationIds = new EnumMap<>(KillPoint.class);
        /** The new password each rotation carried when its JVM died. */
        private final Map<KillPoint, String> passwordsAtTheKill = new EnumMap<>(KillPoint.class);
        private String batch;

        Round(int number) {
            this.number = number;
            this.ticketId = 7_800_000L + number;
            for (KillPoint point : KillPoint.values()) {
                accounts.put(point, new Account(point, String.format("c%02d-%d", number, point.ordinal() + 1),
                        Integer.toString(600_000 + number * 10 + point.ordinal())));
                problems.put(point, new ArrayList<>());
            }
        }

        List<KillPoint> bulkPoints() {
            return BULK;
        }

        List<Account> bulkAccounts() {
            return BULK.stream().map(accounts::get).toList();
        }

        private Account account(KillPoint point) {
            return accounts.get(point);
        }

        private HeldAnswers.Requests patches(KillPoint point) {
            return new HeldAnswers.Requests(RequestMethod.PATCH, "/passwords/" + account(point).recordId(), null);
        }

        private HeldAnswers.Requests readBacks(KillPoint point) {
            return new HeldAnswers.Requests(RequestMethod.GET, "/passwords/" + account(point).recordId(), "show_password=true");
        }

        private HeldAnswers.Requests notePosts() {
            return new HeldAnswers.Requests(RequestMethod.POST, "/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes", null);
        }

        /** A ticket in Autotask from the ticket point's account asking for its own reset. */
        void ticketFromTheRequester() {
            long contactId = 30_700_000L + number;
            VendorStubs.autotaskContact(autotask, contactId, AUTOTASK_COMPANY, account(KillPoint.TICKET_NOTE).logonName());
            VendorStubs.autotaskTicket(autotask, ticketId, AUTOTASK_COMPANY, contactId, "Forgot my password",
                    "Hi, I forgot my password and I am locked out.");
        }

        void armHolds() {
            holds.put(KillPoint.JOURNAL_WRITTEN, heldDirectory.holdResetBeforeApplied(account(KillPoint.JOURNAL_WRITTEN).dn()));
            holds.put(KillPoint.DIRECTORY_CHANGED, heldDirectory.holdAnswerAfterApplied(account(KillPoint.DIRECTORY_CHANGED).dn()));
            holds.put(KillPoint.VAULT_PATCHED, itglueHolds.holdAnswer(patches(KillPoint.VAULT_PATCHED)));
            holds.put(KillPoint.VAULT_ANSWERED, itglueHolds.holdAnswer(readBacks(KillPoint.VAULT_ANSWERED)));
            holds.put(KillPoint.TICKET_NOTE, autotaskHolds.holdAnswer(notePosts()));
            holdsArmed.addAll(holds.values());
        }

        /** Waits for a hold; one not reached is that point's failure in this round, not the end of the round. */
        void awaitHold(KillPoint point, RotabotProcess life) {
            try {
                if (!holds.get(point).awaitReached(TO_REACH_HOLD)) {
                    problems.get(point).add("never reached within " + TO_REACH_HOLD.toSeconds() + " s: " + holds.get(point)
                            + (life.isAlive() ? "" : " (the JVM had died)"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The rotation of each point: the bulk's by account, the ticket's by ticket id. */
        void findRotations(RotabotProcess life) throws Exception {
            for (JsonNode rotation : life.json("GET", "/api/rotations?batch=" + batch + "&limit=100", null)) {
                accounts.values().stream().filter(a -> a.logonName().equalsIgnoreCase(rotation.path("account").asText()))
                        .forEach(a -> rotationIds.put(a.point(), rotation.path("id").asText()));
            }
            for (JsonNode rotation : life.json("GET", "/api/rotations?organization=" + ORGANIZATION + "&limit=100", null)) {
                if (rotation.path("ticketId").asLong() == ticketId) {
                    rotationIds.put(KillPoint.TICKET_NOTE, rotation.path("id").asText());
                }
            }
        }

        /**
         * While the operations are held: the journal is where the point says, the directory has the held
         * password exactly when the point says so, and the vault stub has what it was sent.
         */
        void checkTheHeldPoints(RotabotProcess life) throws Exception {
            for (KillPoint point : KillPoint.values()) {
                if (holds.get(point).isReached() && rotationIds.containsKey(point)) {
                    String state = life.json("GET", "/api/rotations/" + rotationIds.get(point), null).path("journalState").asText();
                    check(point, state.equals(JOURNAL_AT_THE_POINT.get(point)),
                            "at the held point the journal was " + state + ", not " + JOURNAL_AT_THE_POINT.get(point));
                }
            }
            Account journal = account(KillPoint.JOURNAL_WRITTEN);
            holds.get(KillPoint.JOURNAL_WRITTEN).carried().ifPresent(password -> check(KillPoint.JOURNAL_WRITTEN,
                    !binds(journal.dn(), password) && binds(journal.dn(), journal.oldPassword()),
                    "before the reset was applied, the directory already had the new password or no longer the old one"));
            Account changed = account(KillPoint.DIRECTORY_CHANGED);
            holds.get(KillPoint.DIRECTORY_CHANGED).carried().ifPresent(password -> check(KillPoint.DIRECTORY_CHANGED,
                    binds(changed.dn(), password), "the directory did not have the new password after applying the reset"));
            String patched = holds.get(KillPoint.VAULT_PATCHED).carried().map(CrashRecoveryTest::passwordIn).orElse(null);
            if (patched != null) {
                check(KillPoint.VAULT_PATCHED, patched.equals(vaultPassword(account(KillPoint.VAULT_PATCHED).recordId())),
                        "the vault stub had not stored the PATCHed password");
            }
            String ticketsPassword = vaultPassword(account(KillPoint.TICKET_NOTE).recordId());
            check(KillPoint.TICKET_NOTE, binds(account(KillPoint.TICKET_NOTE).dn(), ticketsPassword),
                    "while the note was held, the ticket's account did not sign in with the vault's password");
            passwordsAtTheKill.put(KillPoint.TICKET_NOTE, ticketsPassword);
        }

        /**
         * Right after the kill, when no request of the dead JVM can come any more: each held operation was
         * asked for exactly once, so the JVM never went past its point; and what each rotation carried.
         */
        void checkOnlyTheHeldRequestsWereMade() {
            Map<KillPoint, Integer> counts = new EnumMap<>(KillPoint.class);
            counts.put(KillPoint.JOURNAL_WRITTEN, heldDirectory.resetsOf(account(KillPoint.JOURNAL_WRITTEN).dn()));
            counts.put(KillPoint.DIRECTORY_CHANGED, heldDirectory.resetsOf(account(KillPoint.DIRECTORY_CHANGED).dn()));
            counts.put(KillPoint.VAULT_PATCHED, itglueHolds.bodies(patches(KillPoint.VAULT_PATCHED)).size());
            counts.put(KillPoint.VAULT_ANSWERED, itglueHolds.bodies(readBacks(KillPoint.VAULT_ANSWERED)).size());
            counts.put(KillPoint.TICKET_NOTE, autotaskHolds.bodies(notePosts()).size());
            Duration heldFor = Duration.between(holds.values().stream().map(Hold::reachedAt).flatMap(Optional::stream)
                    .min(Comparator.naturalOrder()).orElse(Instant.now()), Instant.now());
            counts.forEach((point, count) -> check(point, count == 1, "before the kill the held operation was asked for " + count
                    + " times, not once: the killed JVM retried past the point (after a timeout, or a job lock expired: the"
                    + " first hold was held " + heldFor.toSeconds() + " s, the job lock is " + JOB_LOCK.toSeconds() + " s)"));

            holds.get(KillPoint.JOURNAL_WRITTEN).carried().ifPresent(p -> passwordsAtTheKill.put(KillPoint.JOURNAL_WRITTEN, p));
            holds.get(KillPoint.DIRECTORY_CHANGED).carried().ifPresent(p -> passwordsAtTheKill.put(KillPoint.DIRECTORY_CHANGED, p));
            holds.get(KillPoint.VAULT_PATCHED).carried().ifPresent(body -> passwordsAtTheKill.put(KillPoint.VAULT_PATCHED,
                    passwordIn(body)));
            List<String> answered = itglueHolds.bodies(patches(KillPoint.VAULT_ANSWERED));
            if (!answered.isEmpty()) {
                passwordsAtTheKill.put(KillPoint.VAULT_ANSWERED, passwordIn(answered.get(answered.size() - 1)));
            }
        }

        /** Lets the held peer threads go: the reset held before it was applied is dropped, the answers go to closed connections. */
        void releaseHoldsToTheDead() {
            holds.forEach((point, hold) -> {
                if (point == KillPoint.JOURNAL_WRITTEN) {
                    hold.drop();
                } else {
                    hold.release();
                }
            });
        }

        /**
         * Waits until every rotation has a final status and its process (the ticket's, for the note) has
         * ended, or the deadline; notes what did not.
         */
        void awaitRecovery(RotabotProcess next) throws Exception {
            try {
                await().atMost(TO_RECOVER).pollInterval(Duration.ofMillis(500)).until(() -> {
                    for (KillPoint point : rotationIds.keySet()) {
                        if (!isFinal(next.json("GET", "/api/rotations/" + rotationIds.get(point), null)) || !processEnded(next, point)) {
                            return false;
                        }
                    }
                    return true;
                });
            } catch (ConditionTimeoutException stillRunning) {
                for (KillPoint point : rotationIds.keySet()) {
                    JsonNode rotation = next.json("GET", "/api/rotations/" + rotationIds.get(point), null);
                    check(point, isFinal(rotation), "unfinished " + TO_RECOVER.toSeconds() + " s after the restart: "
                            + rotation.path("status").asText() + " / " + rotation.path("journalState").asText()
                            + " (" + rotation.path("reason").asText() + ")");
                    check(point, processEnded(next, point), "its process had not ended " + TO_RECOVER.toSeconds()
                            + " s after the restart: " + process(next, point));
                }
            }
        }

        /** The process that carries the point's rotation: the bulk item's own, or the ticket's. */
        private JsonNode process(RotabotProcess rotabot, KillPoint point) throws Exception {
            String query = point == KillPoint.TICKET_NOTE
                    ? "processDefinitionKey=ticket-password-reset&processInstanceBusinessKey=" + ticketId
                    : "processDefinitionKey=password-rotation&processInstanceBusinessKey=" + batch + "/" + BULK.indexOf(point);
            return rotabot.json("GET", "/engine-rest/history/process-instance?" + query, null);
        }

        /** Ended once, completed, at the end event both processes name endDone ("Rotation ended", "Ticket answered"). */
        private boolean endedRegularly(RotabotProcess rotabot, KillPoint point) throws Exception {
            JsonNode found = process(rotabot, point);
            return found.size() == 1 && found.get(0).path("state").asText().equals("COMPLETED")
                    && rotabot.json("GET", "/engine-rest/history/activity-instance/count?activityId=endDone&processInstanceId="
                            + found.get(0).path("id").asText(), null).path("count").asInt() == 1;
        }

        private boolean processEnded(RotabotProcess rotabot, KillPoint point) throws Exception {
            JsonNode found = process(rotabot, point);
            return found.size() == 1 && found.get(0).hasNonNull("endTime");
        }

        /**
         * Each rotation ended Successful; the password the vault stub holds signs in as the account and the
         * old one does not; it is the password the rotation carried at the kill (no second one was made);
         * the ticket has exactly one note, linking the record and never showing the password.
         */
        void checkAfterTheRestart(RotabotProcess next) throws Exception {
            for (KillPoint point : KillPoint.values()) {
                if (!holds.get(point).isReached()) {
                    continue; // already failed: the kill was not at this point
                }
                Account account = account(point);
                if (!rotationIds.containsKey(point)) {
                    check(point, false, "no rotation of " + account.logonName() + " was found");
                    continue;
                }
                JsonNode rotation = next.json("GET", "/api/rotations/" + rotationIds.get(point), null);
                String outcome = rotation.path("status").asText() + " / " + rotation.path("journalState").asText();
                check(point, outcome.equals("Successful / DONE"),
                        "the rotation ended " + outcome + " (" + rotation.path("reason").asText() + "), not Successful / DONE");
                check(point, endedRegularly(next, point), "its process did not end once, completed, at its end event endDone: "
                        + process(next, point));
                String inVault = vaultPassword(account.recordId());
                check(point, binds(account.dn(), inVault), "the password the vault holds does not sign in as " + account.logonName());
                check(point, !binds(account.dn(), account.oldPassword()), "the old password still signs in as " + account.logonName());
                check(point, inVault.equals(passwordsAtTheKill.get(point)),
                        "the vault holds another password than the one the rotation carried at the kill");
            }
            List<JsonNode> ticketNotes = notes.of(ticketId);
            String link = VendorStubs.resourceUrl(ITGLUE_ORGANIZATION, account(KillPoint.TICKET_NOTE).recordId());
            check(KillPoint.TICKET_NOTE, ticketNotes.size() == 1,
                    "the ticket has " + ticketNotes.size() + " notes, not exactly one: " + ticketNotes);
            check(KillPoint.TICKET_NOTE, ticketNotes.stream().allMatch(note -> note.path("description").asText().contains(link)),
                    "a note does not link the vault record " + link);
            String password = passwordsAtTheKill.get(KillPoint.TICKET_NOTE);
            check(KillPoint.TICKET_NOTE, ticketNotes.stream().noneMatch(note -> note.toString().contains(password)),
                    "a note shows the password");
        }

        private void check(KillPoint point, boolean condition, String problem) {
            if (!condition) {
                problems.get(point).add(problem);
            }
        }
    }

    private static boolean isFinal(JsonNode rotation) {
        return !List.of("In progress", "API Error", "Waiting for minimum password age").contains(rotation.path("status").asText());
    }

    /**
     * Adds the accounts to the directory with a known password, lists their records in the vault, syncs
     * and approves each match through the API, as a technician would.
     */
    private static void matchedAccounts(RotabotProcess life, Collection<Account> accounts) throws Exception {
        try (LDAPConnection ldap = connect()) {
            ldap.bind(SERVICE_DN, SERVICE_PASSWORD);
            for (Account account : accounts) {
                UUID guid = UUID.randomUUID();
                ldap.add(new Entry(account.dn(),
                        new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                        new Attribute("cn", account.name()), new Attribute("sn", account.name()),
                        new Attribute("sAMAccountName", account.name()), new Attribute("userPrincipalName", account.logonName()),
                        new Attribute("userAccountControl", "512"), new Attribute("userPassword", account.oldPassword()),
                        new Attribute("objectGUID", ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits())
                                .putLong(guid.getLeastSignificantBits()).array())));
            }
        }
        VendorStubs.itglueRecordList(itglue, ITGLUE_ORGANIZATION,
                accounts.stream().map(a -> a.recordId() + ":" + a.logonName()).toArray(String[]::new));
        accounts.forEach(a -> VendorStubs.itglueRecord(itglue, a.recordId(), ITGLUE_ORGANIZATION, a.logonName()));
        life.json("POST", "/api/organizations/" + ORGANIZATION + "/matches/sync", null);
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode match : life.json("GET", "/api/organizations/" + ORGANIZATION + "/matches?size=500", null).path("items")) {
            ids.put(match.path("logonName").asText().toLowerCase(Locale.ROOT), match.path("accountId").asText());
        }
        StringBuilder approvals = new StringBuilder();
        for (Account account : accounts) {
            String id = ids.get(account.logonName());
            assertThat(id).as("the sync found %s", account.logonName()).isNotNull();
            approvals.append(approvals.isEmpty() ? "" : ",").append(JSON.createObjectNode()
                    .put("accountId", id).put("vaultRecordId", account.recordId()));
        }
        life.json("POST", "/api/organizations/" + ORGANIZATION + "/matches/approve", "{\"approvals\":[" + approvals + "]}");
    }

    private static HttpResponse<String> deliverTicketWebhook(RotabotProcess life, long ticketId) throws Exception {
        byte[] body = ("{\"Action\":\"Create\",\"Guid\":\"" + UUID.randomUUID() + "\",\"EntityType\":\"Ticket\",\"Id\":" + ticketId
                + ",\"Fields\":{\"TicketNumber\":\"T20261127." + ticketId % 10000 + "\",\"Status\":\"1\"},\"EventTime\":\""
                + Instant.now() + "\",\"SequenceNumber\":1,\"PersonID\":30691780}").getBytes(StandardCharsets.UTF_8);
        return life.deliver("/webhooks/autotask/tickets", body, Map.of("Content-Type", "application/json",
                "X-Hook-Signature", new WebhookSignature(WEBHOOK_SECRET).sign(body)));
    }

    /** POST /api/rotations for these accounts' records; the batch id. */
    private static String rotateInBulk(RotabotProcess life, List<Account> accounts) throws Exception {
        StringBuilder items = new StringBuilder();
        for (Account account : accounts) {
            items.append(items.isEmpty() ? "" : ",").append(JSON.createObjectNode()
                    .put("organization", ORGANIZATION).put("vaultRecordId", account.recordId()));
        }
        JsonNode answer = life.json("POST", "/api/rotations", "{\"rotations\":[" + items + "]}");
        assertThat(answer.path("started").asInt()).as("rotations started: %s", answer).isEqualTo(accounts.size());
        return answer.path("batch").asText();
    }

    /** The password IT Glue's stub last stored for the record, read as IT Glue shows it. */
    private static String vaultPassword(String recordId) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(itglue.baseUrl() + "/passwords/" + recordId
                        + "?show_password=true")).header("x-api-key", VendorStubs.ITGLUE_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("data").path("attributes").path("password").asText();
    }

    /** The password in an IT Glue PATCH body. */
    private static String passwordIn(String patchBody) {
        try {
            return JSON.readTree(patchBody).path("data").path("attributes").path("password").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a simple bind with this password succeeds on the directory itself (not through the front). */
    private static boolean binds(String dn, String password) {
        try (LDAPConnection connection = connect()) {
            connection.bind(dn, password);
            return true;
        } catch (LDAPException refused) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LDAPConnection connect() throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(directory.caCertificate().toFile()));
        return new LDAPConnection(tls.createSSLSocketFactory(), "localhost", directory.port());
    }

    /** A Rotabot JVM on the test's database and peers, serving; its output in target/crash-recovery/life-N.log. */
    private RotabotProcess startRotabot() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("rotabot.autotask.base-url", autotask.baseUrl() + "/ATServicesRest");
        properties.put("rotabot.autotask.api-integration-code", VendorStubs.AUTOTASK_CODE);
        properties.put("rotabot.autotask.username", VendorStubs.AUTOTASK_USER);
        properties.put("rotabot.autotask.first-backoff", "50ms");
        properties.put("rotabot.itglue.base-url", itglue.baseUrl());
        properties.put("rotabot.itglue.first-backoff", "50ms");
        // a held answer must outlast the hold (a client timing out would retry past the point before the kill), and
        // a step's vendor calls must stay below the job lock, which Rotabot checks at start-up: one try of 20 s each
        for (String vendor : List.of("autotask", "itglue")) {
            properties.put("rotabot." + vendor + ".read-timeout", "20s");
            properties.put("rotabot." + vendor + ".connect-timeout", "2s");
            properties.put("rotabot." + vendor + ".max-attempts", "1");
            properties.put("rotabot." + vendor + ".concurrent-calls-wait", "1s");
        }
        properties.put("rotabot.directory.connections.acme.response-timeout", "5m");
        properties.put("rotabot.intake.catch-up-initial-delay", "24h");
        properties.put("rotabot.intake.dispatch-interval", "100ms");
        properties.put("rotabot.organizations.acme.name", "ACME Ltd");
        properties.put("rotabot.organizations.acme.autotask-company-id", Long.toString(AUTOTASK_COMPANY));
        properties.put("rotabot.organizations.acme.itglue-organization-id", Long.toString(ITGLUE_ORGANIZATION));
        properties.put("rotabot.directory.connections.acme.urls", "ldaps://localhost:" + heldDirectory.port());
        properties.put("rotabot.directory.connections.acme.ca-certificate", heldDirectory.caCertificate().toString());
        properties.put("rotabot.directory.connections.acme.bind-dn", SERVICE_DN);
        properties.put("rotabot.directory.connections.acme.bind-password", TestSecrets.encrypted(masterKey, SERVICE_PASSWORD));
        properties.put("rotabot.directory.connections.acme.base-dn", "DC=acme,DC=test");
        properties.put("rotabot.matching.sync-cron", "-");
        // every round's ticket is a reset within the hour: the burst limit is not under test
        properties.put("rotabot.ticket-bot.resets-per-hour", "1000");
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", "100");
        properties.put("camunda.bpm.job-execution.max-wait", "500");
        // five jobs stand still at their points at once, and the ticket's own jobs must still run
        properties.put("camunda.bpm.job-execution.core-pool-size", "8");
        properties.put("camunda.bpm.job-execution.max-pool-size", "8");
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", Long.toString(JOB_LOCK.toMillis()));
        properties.put("spring.datasource.hikari.maximum-pool-size", "20");
        Map<String, String> secrets = Map.of(
                "ROTABOT_DATABASE_URL", databaseUrl,
                "ROTABOT_DATABASE_USER", "postgres",
                "ROTABOT_DATABASE_PASSWORD", "",
                "ROTABOT_SECURITY_MASTER_KEY", masterKey,
                "ROTABOT_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "ROTABOT_AUTOTASK_SECRET", VendorStubs.AUTOTASK_SECRET,
                "ROTABOT_AUTOTASK_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "ROTABOT_ITGLUE_API_KEY", VendorStubs.ITGLUE_KEY);
        RotabotProcess life = RotabotProcess.start(properties, secrets, ADMIN_PASSWORD, work.resolve("life-" + (lives.size() + 1) + ".log"));
        lives.add(life);
        return life.awaitServing(START);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Rounds passed and failed per point, and what failed where. */
    private static final class Tally {

        private final Map<KillPoint, int[]> counts = new EnumMap<>(KillPoint.class);
        private final List<String> failures = new ArrayList<>();
        private int rounds;

        void add(int round, Map<KillPoint, List<String>> problems, RotabotProcess killed, RotabotProcess restarted) {
            rounds++;
            boolean failed = false;
            for (KillPoint point : KillPoint.values()) {
                int[] passedFailed = counts.computeIfAbsent(point, p -> new int[2]);
                List<String> found = problems.get(point);
                passedFailed[found.isEmpty() ? 0 : 1]++;
                found.forEach(problem -> failures.add("round " + round + ", " + point.description + ": " + problem));
                failed |= !found.isEmpty();
            }
            if (failed) {
                System.out.println("Crash round " + round + " failed. The killed JVM's output (" + killed.output() + ") ends:\n"
                        + killed.tail(60) + "\nThe restarted JVM's output (" + restarted.output() + ") ends:\n" + restarted.tail(60));
            }
        }

        String report(Duration wall) {
            StringBuilder report = new StringBuilder(String.format("%nCrash test: %d rounds, %d SIGKILLs, %d JVM starts, %.0f s wall time%n",
                    rounds, rounds, lives.size(), seconds(wall)));
            report.append(String.format("  %-70s %6s %6s%n", "kill point", "passed", "failed"));
            counts.forEach((point, passedFailed) -> report.append(String.format("  %-70s %6d %6d%n", point.description,
                    passedFailed[0], passedFailed[1])));
            failures.forEach(failure -> report.append("  FAILED ").append(failure).append('\n'));
            return report.toString();
        }
    }
}
