package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import io.rotabot.ticketbot.TicketBotPolicies;
import io.rotabot.ticketbot.TicketBotSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ticket process on every path a help desk meets: the requester's own reset, someone else's account
 * approved, declined or never reviewed, several accounts with one not found, privileged requesters and
 * targets, an account of another organization, the burst limit, ticket resets switched off, a disabled
 * account, and two tickets for one account at once. Real HTTP to Autotask and IT Glue stubs in their wire
 * format, a real LDAPS directory, the engine's own job executor.
 */
class TicketBotProcessTest extends EndToEndEnvironment {

    private static final String ALICE_DN = "CN=Alice Anders,CN=Users,DC=acme,DC=test";
    private static final String BOB_DN = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final long ALICE_CONTACT = 30_683_001;
    private static final long DAVE_CONTACT = 30_683_002;

    @Autowired
    Directory directory;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    TicketBotPolicies ticketBot;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void aliceBobAndDaveAreMatched() {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test", "5003:adm-dave@acme.test");
        matches.sync("acme");
        for (String[] pair : new String[][] {{"alice@acme.test", "5001"}, {"bob@acme.test", "5002"}, {"dave.admin@acme.test", "5003"}}) {
            DirectoryAccount account = directory.findByEmail("acme", pair[0]).orElseThrow();
            if (matches.approvedRecord("acme", account.id()).isEmpty()) {
                matches.approve("acme", List.of(new Approval(account.id(), Optional.of(pair[1]))));
            }
        }
        VendorStubs.autotaskContact(AUTOTASK, ALICE_CONTACT, ACME_COMPANY, "alice@acme.test");
        VendorStubs.autotaskContact(AUTOTASK, DAVE_CONTACT, ACME_COMPANY, "dave.admin@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5003", ACME_ITGLUE, "adm-dave@acme.test");
    }

    @Test
    void someoneElsesAccountWaitsForAReviewAndTheApprovedNamedAccountIsTheOneRotated() throws Exception {
        ticket(352001, ALICE_CONTACT, "Password for Bob", "Hi, can you please reset the password of bob@acme.test? He forgot it. Thanks, Alice");
        Task review = awaitReview(352001);

        assertThat(notes(352001)).singleElement().asString().contains("A technician will review this request for bob")
                .contains("someone else's account").doesNotContain("not clear enough");
        JsonNode shown = json.readTree((String) tasks.getVariable(review.getId(), "reviewTargets"));
        assertThat(shown.path("targets").path(0).path("account").asText()).isEqualTo("bob@acme.test");
        assertThat(shown.path("targets").path(0).path("waits").asBoolean()).isTrue();
        assertThat(shown.toString()).doesNotContain("He forgot it");

        complete(review, "{\"approve\":[1]}", "tech.tina");

        assertThat(awaitTicketProcessEnded(352001).getEndActivityId()).isEqualTo("endDone");
        String bobs = patchedPassword("5002");
        assertThat(binds(BOB_DN, bobs)).as("the named account has the vault's password").isTrue();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).as("the requester's untouched").isEmpty();
        List<String> notes = notes(352001);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(1)).contains("The password of bob@acme.test was reset")
                .contains(VendorStubs.resourceUrl(ACME_ITGLUE, "5002")).doesNotContain(bobs);
        assertThat(api("GET", "/api/tickets/352001/targets", null, true).body()).contains("tech.tina").contains("APPROVED");
    }

    @Test
    void aTicketForSomeoneElseOrAnAdministratorThatNamesNoAccountNeverTakesTheRequestersOwn() throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 352015, ACME_COMPANY, ALICE_CONTACT, "Locked out",
                "My colleague forgot his password, please reset it.");
        VendorStubs.autotaskTicket(AUTOTASK, 352018, ACME_COMPANY, ALICE_CONTACT, "Admin password",
                "Please reset the global admin password, we are locked out of the tenant.");
        deliver(webhook(352015, "Create"));
        deliver(webhook(352018, "Create"));

        assertThat(awaitTicketProcessEnded(352015).getEndActivityId()).isEqualTo("endDone");
        assertThat(awaitTicketProcessEnded(352018).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(352015)).singleElement().asString()
                .contains("No password was reset for the account the ticket asks for: the ticket asks for someone else's account");
        assertThat(notes(352018)).singleElement().asString().contains("an administrator's or a service account");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).as("the requester's own").isEmpty();
    }

    @Test
    void aTicketForSomeoneItCannotResolveNeverOffersTheRequestersOwn() throws Exception {
        ticket(352023, ALICE_CONTACT, "Password reset", "Please reset the password for C. Chen");

        assertThat(awaitTicketProcessEnded(352023).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(352023)).singleElement().asString().doesNotContain("alice@acme.test");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).isEmpty();
    }

    @Test
    void aTicketNamingTwentyOrMoreAccountsIsLeftToATechnician() throws Exception {
        StringBuilder many = new StringBuilder("Please reset the passwords of these users:\n");
        for (int i = 1; i <= 25; i++) {
            many.append("user").append(i).append("@acme.test\n");
        }
        ticket(352024, ALICE_CONTACT, "Mass reset", many.toString());

        assertThat(awaitTicketProcessEnded(352024).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(352024)).singleElement().asString().contains("names 20 or more accounts");
    }

    @Test
    void anUnsureTicketAboutTheRequestersOwnAccountIsReviewedWithTheRulesReasons() throws Exception {
        ticket(352019, ALICE_CONTACT, "Forgot my password", "I forgot my Windows password, please send the new one by WhatsApp.");

        Task review = awaitReview(352019);
        JsonNode shown = json.readTree((String) tasks.getVariable(review.getId(), "reviewTargets"));
        assertThat(shown.path("targets")).hasSize(1);
        assertThat(shown.path("targets").path(0).path("account").asText()).isEqualTo("alice@acme.test");
        assertThat(shown.path("targets").path(0).path("reason").asText()).startsWith("the request is not clear enough");
        assertThat((String) tasks.getVariable(review.getId(), "firedRules")).as("the form shows the rules' reasons").isNotEmpty();
        complete(review, "{\"approve\":[],\"declineReason\":\"passwords go through the help desk only\"}", "tech.tina");

        assertThat(awaitTicketProcessEnded(352019).getEndActivityId()).isEqualTo("endDone");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).isEmpty();
    }

    @Test
    void aDisplayNameThatFitsTwoAccountsIsOfferedToPickAndOnlyThePickedOneIsRotated() throws Exception {
        List<String> ids = newAcmeUsers(List.of("jroe1", "jroe2"));
        try (LDAPConnection ldap = sandboxAdministrator()) {
            for (String name : List.of("jroe1", "jroe2")) {
                ldap.modify("CN=" + name + ",CN=Users,DC=acme,DC=test", new Modification(ModificationType.REPLACE, "displayName", "Jane Roe"));
            }
        }
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test", "5003:adm-dave@acme.test",
                "5011:jroe1@acme.test", "5012:jroe2@acme.test");
        matches.sync("acme");
        matches.approve("acme", List.of(new Approval(ids.get(0), Optional.of("5011")), new Approval(ids.get(1), Optional.of("5012"))));
        VendorStubs.itglueRecord(ITGLUE, "5011", ACME_ITGLUE, "jroe1@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5012", ACME_ITGLUE, "jroe2@acme.test");
        ticket(352016, ALICE_CONTACT, "New starter", "Please reset the password for Jane Roe, our new starter, she never got it.");

        Task review = awaitReview(352016);
        JsonNode target = json.readTree((String) tasks.getVariable(review.getId(), "reviewTargets")).path("targets").path(0);
        assertThat(target.path("reason").asText()).contains("2 accounts of ACME Ltd fit this name");
        assertThat(target.path("candidates").findValuesAsText("name")).containsExactlyInAnyOrder("jroe1@acme.test (Jane Roe)",
                "jroe2@acme.test (Jane Roe)");
        assertThatThrownBy(() -> complete(review, "{\"approve\":[1]}", "tech.tina")).hasMessageContaining("pick the one meant");
        assertThatThrownBy(() -> complete(review, "{\"choose\":{\"1\":\"" + ids.get(0).replace('1', '9') + "x\"}}", "tech.tina"))
                .hasMessageContaining("pick one of its candidates");
        complete(review, "{\"choose\":{\"1\":\"" + ids.get(1) + "\"}}", "tech.tina");

        assertThat(awaitTicketProcessEnded(352016).getEndActivityId()).isEqualTo("endDone");
        assertThat(binds("CN=jroe2,CN=Users,DC=acme,DC=test", patchedPassword("5012"))).isTrue();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5011")))).isEmpty();
    }

    @Test
    void aDomainLogonNameIsFoundInTheTicketsOrganization() throws Exception {
        ticket(352017, ALICE_CONTACT, "Bob locked out", "ACME\\bob is locked out after the weekend, please reset his password.");

        Task review = awaitReview(352017);
        assertThat(json.readTree((String) tasks.getVariable(review.getId(), "reviewTargets")).path("targets").path(0)
                .path("account").asText()).isEqualTo("bob@acme.test");
        complete(review, "{\"approve\":[1]}", "tech.tina");
        awaitTicketProcessEnded(352017);
        assertThat(binds(BOB_DN, patchedPassword("5002"))).isTrue();
    }

    @Test
    void aLockedOutRequestersResetAlsoUnlocksAndIsVerified() throws Exception {
        String dn = lockedOutUser("lockedreset", 5021, 30_683_021);
        ticket(352020, 30_683_021, "Locked out", "I forgot my password and now I am locked out of my computer. Please help!");

        assertThat(awaitTicketProcessEnded(352020).getEndActivityId()).isEqualTo("endDone");
        assertThat(binds(dn, patchedPassword("5021"))).as("unlocked, and the vault's password signs in").isTrue();
        assertThat(notes(352020)).singleElement().asString().contains("was reset and verified");
        assertThat(jdbc.sql("select reason from rotations where ticket_id = 352020").query(String.class).single())
                .contains("password set in the directory and stored in the vault");
    }

    @Test
    void lockedOutButKnowingThePasswordOnlyUnlocks() throws Exception {
        String dn = lockedOutUser("lockedknows", 5022, 30_683_022);
        assertThat(binds(dn, "Known#Passw0rd-1")).as("locked out").isFalse();
        ticket(352021, 30_683_022, "Locked out", "I am locked out of my PC after the holidays, but I know my password. Can you unlock my account?");

        assertThat(awaitTicketProcessEnded(352021).getEndActivityId()).isEqualTo("endDone");
        assertThat(binds(dn, "Known#Passw0rd-1")).as("the password the person knows works again").isTrue();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5022")))).as("no reset").isEmpty();
        assertThat(notes(352021)).singleElement().asString().contains("the account was unlocked; its password was not changed");
        assertThat(api("GET", "/api/audit", null, true).body()).contains("account-unlock").contains("lockedknows@acme.test in acme: Successful");
    }

    @Test
    void aDeclinedReviewChangesNothingAndTheNoteGivesTheTechniciansReason() throws Exception {
        ticket(352002, ALICE_CONTACT, "Reset for Bob", "Please reset the password for bob@acme.test");
        Task review = awaitReview(352002);

        assertThatThrownBy(() -> complete(review, "{\"approve\":[]}", "tech.tina")).as("declining needs a reason")
                .hasMessageContaining("give a reason");
        assertThatThrownBy(() -> complete(review, "{\"approve\":[7]}", "tech.tina")).hasMessageContaining("no account number 7");
        assertThatThrownBy(() -> complete(review, "not json", "tech.tina")).hasMessageContaining("not JSON");
        complete(review, "{\"approve\":[],\"declineReason\":\"Bob must call the help desk himself\"}", "tech.tina");

        assertThat(awaitTicketProcessEnded(352002).getEndActivityId()).isEqualTo("endDone");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5002")))).isEmpty();
        assertThat(notes(352002)).last().asString().contains("A technician declined to reset bob@acme.test: Bob must call the help desk himself");
    }

    @Test
    void aReviewNobodyAnswersEndsWithANoteAndChangesNothing() throws Exception {
        ticket(352003, ALICE_CONTACT, "Reset for Bob", "Please reset the password for bob@acme.test");
        Task review = awaitReview(352003);

        Job timer = management.createJobQuery().processInstanceId(review.getProcessInstanceId()).timers().singleResult();
        assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + Duration.ofHours(7).toMillis()));
        management.executeJob(timer.getId());

        assertThat(awaitTicketProcessEnded(352003).getEndActivityId()).isEqualTo("endDone");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5002")))).isEmpty();
        assertThat(notes(352003)).last().asString().contains("Nothing was changed for bob@acme.test: nobody reviewed the request within 8 hours");
    }

    @Test
    void severalAccountsAreEachReportedInOneNoteAlsoWhenOneIsNotFound() throws Exception {
        ticket(352004, ALICE_CONTACT, "Two resets", "Please reset the passwords of bob@acme.test and nobody@acme.test, both locked out.");
        Task review = awaitReview(352004);

        complete(review, "{\"approve\":[1]}", "tech.tina");

        assertThat(awaitTicketProcessEnded(352004).getEndActivityId()).isEqualTo("endDone");
        assertThat(binds(BOB_DN, patchedPassword("5002"))).isTrue();
        assertThat(notes(352004)).last().asString().contains("The password of bob@acme.test was reset")
                .contains("No password was reset for “nobody@acme.test”: no account of ACME Ltd's directory fits this name");
    }

    @Test
    void aPrivilegedRequestersOwnResetWaitsForAReview() throws Exception {
        ticket(352005, DAVE_CONTACT, "Forgot my password", "I forgot my password and cannot log in to my PC.");

        Task review = awaitReview(352005);
        JsonNode shown = json.readTree((String) tasks.getVariable(review.getId(), "reviewTargets"));
        assertThat(shown.path("targets").path(0).path("privileged").asBoolean()).isTrue();
        assertThat(shown.path("targets").path(0).path("reason").asText()).contains("a privileged account");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5003")))).isEmpty();

        complete(review, "{\"approve\":[],\"declineReason\":\"administrators reset by phone only\"}", "tech.tina");
        assertThat(awaitTicketProcessEnded(352005).getEndActivityId()).isEqualTo("endDone");
    }

    @Test
    void aPrivilegedNamedAccountWaitsForAReviewWhoeverAsks() throws Exception {
        ticketBot.save("acme", new TicketBotSettings(true, true, false, 1000, List.of("alice@acme.test")));
        try {
            VendorStubs.autotaskTicket(AUTOTASK, 352006, ACME_COMPANY, ALICE_CONTACT, "Admin password",
                    "Please reset the password of adm-dave@acme.test");
            deliver(webhook(352006, "Create"));

            Task review = awaitReview(352006);
            assertThat((String) tasks.getVariable(review.getId(), "reviewTargets")).contains("\"privileged\":true")
                    .contains("a privileged account");
            complete(review, "{\"approve\":[],\"declineReason\":\"not by ticket\"}", "tech.tina");
            awaitTicketProcessEnded(352006);
            assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5003")))).isEmpty();
        } finally {
            ticketBot.delete("acme");
        }
    }

    @Test
    void anAuthorisedContactsRequestForAColleagueRunsWithoutReview() throws Exception {
        ticketBot.save("acme", new TicketBotSettings(true, true, false, 1000, List.of("alice@acme.test")));
        try {
            VendorStubs.autotaskTicket(AUTOTASK, 352007, ACME_COMPANY, ALICE_CONTACT, "Password for Bob",
                    "Please reset the password of bob@acme.test, he is locked out.");
            deliver(webhook(352007, "Create"));

            // the rules may still be unsure about a named account: then a review decides, as for anyone
            awaitTicketProcessEndedOrReview(352007, "{\"approve\":[1]}");
            assertThat(binds(BOB_DN, patchedPassword("5002"))).isTrue();
        } finally {
            ticketBot.delete("acme");
        }
    }

    @Test
    void anAccountOfAnotherOrganizationIsRefusedWithANoteAndAnAuditRow() throws Exception {
        VendorStubs.itglueRecordList(ITGLUE, GLOBEX_ITGLUE);
        matches.sync("globex"); // Rotabot knows each organization's domains from its matching sync
        ticket(352008, ALICE_CONTACT, "Reset Carol", "Please reset the password of carol@globex.test");

        assertThat(awaitTicketProcessEnded(352008).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(352008)).singleElement().asString().startsWith("“carol@globex.test” was not reset: it is not an account of ACME Ltd, the ticket's organization")
                .doesNotContain("change the settings")
                .contains("Rotabot acts only on that organization's accounts").doesNotContain("Globex");
        assertThat(api("GET", "/api/audit", null, true).body()).contains("ticket-target-refused").contains("ticket 352008");
        assertThat(ITGLUE.getAllServeEvents()).noneMatch(e -> e.getRequest().getMethod().getName().equals("PATCH"));
    }

    @Test
    void ticketResetsSwitchedOffForTheOrganizationChangeNothing() throws Exception {
        ticketBot.save("acme", new TicketBotSettings(false, true, false, 1000, List.of()));
        try {
            VendorStubs.autotaskTicket(AUTOTASK, 352009, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                    "I forgot my password and cannot log in to my PC.");
            deliver(webhook(352009, "Create"));

            assertThat(awaitTicketProcessEnded(352009).getEndActivityId()).isEqualTo("endDone");
            assertThat(notes(352009)).singleElement().asString().contains("alice@acme.test was not reset: ticket resets are turned off for this organization.");
            assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).isEmpty();
        } finally {
            ticketBot.delete("acme");
        }
    }

    @Test
    void aBurstOfTicketResetsPausesForApproval() throws Exception {
        ticketBot.save("acme", new TicketBotSettings(true, true, false, 1, List.of()));
        try {
            VendorStubs.autotaskTicket(AUTOTASK, 352010, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                    "I forgot my password and cannot log in to my PC.");
            VendorStubs.autotaskTicket(AUTOTASK, 352011, ACME_COMPANY, DAVE_CONTACT, "Forgot my password",
                    "I forgot my password and cannot log in to my PC.");
            deliver(webhook(352010, "Create"));
            awaitTicketProcessEndedOrReview(352010, "{\"approve\":[],\"declineReason\":\"burst\"}");
            deliver(webhook(352011, "Create"));

            Task review = awaitReview(352011);
            assertThat((String) tasks.getVariable(review.getId(), "reviewTargets"))
                    .contains("more than 1 ticket resets in this organization in the last hour");
            complete(review, "{\"approve\":[],\"declineReason\":\"burst\"}", "tech.tina");
        } finally {
            ticketBot.delete("acme");
        }
    }

    @Test
    void aDisabledAccountIsNotResetFromATicket() throws Exception {
        String id = newAcmeUser("frozen");
        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.modify("CN=frozen,CN=Users,DC=acme,DC=test", new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
        }
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test", "5003:adm-dave@acme.test",
                "5009:frozen@acme.test");
        matches.sync("acme");
        matches.approve("acme", List.of(new Approval(id, Optional.of("5009"))));
        VendorStubs.autotaskContact(AUTOTASK, 30_683_009, ACME_COMPANY, "frozen@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5009", ACME_ITGLUE, "frozen@acme.test");
        ticket(352012, 30_683_009, "Forgot my password", "I forgot my password and cannot log in to my PC.");

        assertThat(awaitTicketProcessEnded(352012).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(352012)).singleElement().asString().contains("frozen@acme.test was not reset: the account is disabled");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5009")))).isEmpty();
    }

    @Test
    void aSecondTicketWhileTheAccountIsBeingRotatedIsAnsweredWithThatRotationsOutcome() throws Exception {
        for (long ticket : new long[] {352013, 352014}) {
            VendorStubs.autotaskTicket(AUTOTASK, ticket, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                    "I forgot my password and cannot log in to my PC.");
        }
        // the vault answers slowly, so the first ticket's rotation is still running when the second arrives
        VendorStubs.itglueRecordSlowToPatch(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test", 4000);
        deliver(webhook(352013, "Create"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from rotations where ticket_id = 352013 "
                + "and state in ('PENDING', 'DIRECTORY_SET')").query(Integer.class).single() == 1);
        deliver(webhook(352014, "Create"));

        awaitTicketProcessEnded(352013);
        awaitTicketProcessEnded(352014);
        String alices = patchedPassword("5001");
        assertThat(binds(ALICE_DN, alices)).as("one rotation, one password").isTrue();
        for (long ticket : new long[] {352013, 352014}) {
            assertThat(notes(ticket)).last().asString().as("ticket " + ticket)
                    .contains("The password of alice@acme.test was reset").contains(VendorStubs.resourceUrl(ACME_ITGLUE, "5001"));
        }
        assertThat(jdbc.sql("select reason from rotations where ticket_id = 352014").query(String.class).single())
                .startsWith("password set in the directory and stored in the vault").contains("ticket 352013");
    }

    /** An ACME account locked out as AD marks one (lockoutTime set), matched to this vault record, with its contact. */
    private String lockedOutUser(String name, int record, long contact) throws Exception {
        String dn = "CN=" + name + ",CN=Users,DC=acme,DC=test";
        java.util.UUID guid = java.util.UUID.randomUUID();
        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.add(new com.unboundid.ldap.sdk.Entry(dn,
                    new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new com.unboundid.ldap.sdk.Attribute("cn", name), new com.unboundid.ldap.sdk.Attribute("sn", name),
                    new com.unboundid.ldap.sdk.Attribute("sAMAccountName", name),
                    new com.unboundid.ldap.sdk.Attribute("userPrincipalName", name + "@acme.test"),
                    new com.unboundid.ldap.sdk.Attribute("mail", name + "@acme.test"),
                    new com.unboundid.ldap.sdk.Attribute("userAccountControl", "512"),
                    new com.unboundid.ldap.sdk.Attribute("userPassword", "Known#Passw0rd-1"),
                    new com.unboundid.ldap.sdk.Attribute("lockoutTime", "133950000000000000"),
                    new com.unboundid.ldap.sdk.Attribute("objectGUID", java.nio.ByteBuffer.allocate(16)
                            .putLong(guid.getMostSignificantBits()).putLong(guid.getLeastSignificantBits()).array())));
        }
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test", "5003:adm-dave@acme.test",
                record + ":" + name + "@acme.test");
        matches.sync("acme");
        String id = directory.findByEmail("acme", name + "@acme.test").orElseThrow().id();
        assertThat(directory.account("acme", id).orElseThrow().lockedOut()).isTrue();
        matches.approve("acme", List.of(new Approval(id, Optional.of(Integer.toString(record)))));
        VendorStubs.itglueRecord(ITGLUE, Integer.toString(record), ACME_ITGLUE, name + "@acme.test");
        VendorStubs.autotaskContact(AUTOTASK, contact, ACME_COMPANY, name + "@acme.test");
        return dn;
    }

    /** A ticket of ACME's created in Autotask, and its webhook delivered. */
    private void ticket(long ticketId, long contact, String title, String description) throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, ticketId, ACME_COMPANY, contact, title, description);
        deliver(webhook(ticketId, "Create"));
    }

    private Task awaitReview(long ticketId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(ticketId))
                .taskDefinitionKey("review").singleResult(), t -> t != null);
    }

    /** Ends the ticket's process, answering its review with this decision if it asks for one. */
    private void awaitTicketProcessEndedOrReview(long ticketId, String decision) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Task review = tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(ticketId)).taskDefinitionKey("review").singleResult();
            if (review != null) {
                complete(review, decision, "tech.tina");
            }
            return history.createHistoricProcessInstanceQuery().processDefinitionKey("ticket-password-reset")
                    .processInstanceBusinessKey(Long.toString(ticketId)).finished().count() == 1;
        });
    }

    private void complete(Task review, String decision, String technician) {
        identity.setAuthenticatedUserId(technician);
        try {
            tasks.complete(review.getId(), Map.of("reviewDecision", decision));
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> notes(long ticketId) throws Exception {
        List<LoggedRequest> posted = new ArrayList<>(AUTOTASK.findAll(postRequestedFor(
                urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes"))));
        posted.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        List<String> texts = new ArrayList<>();
        for (LoggedRequest note : posted) {
            texts.add(json.readTree(note.getBodyAsString()).path("description").asText());
        }
        return texts;
    }

    private String patchedPassword(String recordId) throws Exception {
        List<LoggedRequest> patches = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)));
        assertThat(patches).hasSize(1);
        return json.readTree(patches.get(0).getBodyAsString()).path("data").path("attributes").path("password").asText();
    }
}
