package io.rotabot.directory.ad;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR;
import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR_PASSWORD;
import static io.rotabot.directory.ad.SambaDomainController.BASE_DN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import io.rotabot.ticketbot.TicketBotPolicies;
import io.rotabot.ticketbot.TicketBotSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Tickets against a real Samba AD DC, through the whole process: a locked-out user's ticket ends
 * Successful with the account unlocked and the vault holding the password a bind accepts; a reset that
 * must be changed at next logon verifies by AD's data 773. The connection is scoped to this run's OU, as
 * an MSP's delegated service account often is.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:samba-tickets;DB_CLOSE_DELAY=-1")
class SambaTicketTest extends EndToEndEnvironment {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String OU = "OU=rb" + RUN + "-tickets," + BASE_DN;
    private static final long CORP_COMPANY = 4004;
    private static final long CORP_ITGLUE = 3821004;
    private static final String INITIAL = "Initial#Passw0rd-" + RUN;
    private static final List<String> CREATED = new ArrayList<>();
    private static LDAPConnection admin;

    @Autowired
    Directory directory;
    @Autowired
    TicketBotPolicies ticketBot;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void thisRunsOu() throws Exception {
        SambaDomainController.ensureRunning();
        admin = SambaDomainController.administrator();
        admin.add(new Entry(OU, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "rb" + RUN + "-tickets")));
        CREATED.add(OU);
    }

    @AfterAll
    static void removeThisRunsEntries() {
        for (String dn : CREATED) {
            try {
                admin.delete(dn);
            } catch (LDAPException ignored) {
                // best effort: a later run uses other names
            }
        }
        admin.close();
    }

    @DynamicPropertySource
    static void corpOnSamba(DynamicPropertyRegistry properties) {
        properties.add("rotabot.organizations.corp.name", () -> "Corp (Samba)");
        properties.add("rotabot.organizations.corp.autotask-company-id", () -> CORP_COMPANY);
        properties.add("rotabot.organizations.corp.itglue-organization-id", () -> CORP_ITGLUE);
        properties.add("rotabot.directory.connections.corp.urls", () -> SambaDomainController.URL.toString());
        properties.add("rotabot.directory.connections.corp.ca-certificate", () -> SambaDomainController.CA.toString());
        properties.add("rotabot.directory.connections.corp.bind-dn", () -> ADMINISTRATOR);
        properties.add("rotabot.directory.connections.corp.bind-password", () -> ADMINISTRATOR_PASSWORD);
        properties.add("rotabot.directory.connections.corp.base-dn", () -> OU);
    }

    @Test
    void aLockedOutUsersTicketEndsSuccessfulUnlockedAndTheVaultHoldsThePasswordABindAccepts() throws Exception {
        String dn = user("locked", 355001);
        SambaDomainController.lockOut(admin, "rb" + RUN + "-tickets", dn, CREATED);
        assertThat(SambaDomainController.bindCode(dn, INITIAL)).as("AD refuses even the right password").isEqualTo("775");
        VendorStubs.autotaskTicket(AUTOTASK, 355001, CORP_COMPANY, 355001, "Locked out",
                "I forgot my password and now I am locked out of my computer. Please help!");

        deliver(webhook(355001, "Create"));

        assertThat(awaitTicketProcessEnded(355001).getEndActivityId()).isEqualTo("endDone");
        String stored = patchedPassword("7355001");
        assertThat(SambaDomainController.bindCode(dn, stored)).as("the vault's password signs in").isEmpty();
        assertThat(admin.getEntry(dn, "lockoutTime").getAttributeValueAsLong("lockoutTime")).as("unlocked").isZero();
        assertThat(note(355001)).contains("was reset and verified").contains(VendorStubs.resourceUrl(CORP_ITGLUE, "7355001"));
    }

    @Test
    void aResetThatMustBeChangedAtNextLogonIsVerifiedByAdsAnswer() throws Exception {
        ticketBot.save("corp", new TicketBotSettings(true, true, true, 1000, List.of()));
        try {
            String dn = user("newstart", 355002);
            VendorStubs.autotaskTicket(AUTOTASK, 355002, CORP_COMPANY, 355002, "Password expired",
                    "My Windows password expired and I cannot log in. Please reset it.");

            deliver(webhook(355002, "Create"));

            assertThat(awaitTicketProcessEnded(355002).getEndActivityId()).isEqualTo("endDone");
            String stored = patchedPassword("7355002");
            assertThat(SambaDomainController.bindCode(dn, stored)).as("right password, must change it").isEqualTo("773");
            assertThat(admin.getEntry(dn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet")).isZero();
            assertThat(note(355002)).contains("was reset and verified");
        } finally {
            ticketBot.delete("corp");
        }
    }

    /** A user of this run's OU with a mail address, matched to vault record 7&lt;contact&gt;, and its Autotask contact. */
    private String user(String name, long contact) throws Exception {
        String sam = "rb" + RUN + "-" + name;
        String dn = "CN=" + sam + "," + OU;
        admin.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", sam), new Attribute("userPrincipalName", sam + "@corp.example.test"),
                new Attribute("mail", sam + "@corp.example.test"),
                new Attribute("unicodePwd", ("\"" + INITIAL + "\"").getBytes(StandardCharsets.UTF_16LE)),
                new Attribute("userAccountControl", "512")));
        CREATED.add(0, dn);
        // the domain's minimum password age is a day: this run's accounts get none, or the ticket would wait a day
        SambaDomainController.lenientPolicy(admin, "rb" + RUN + "-tickets", dn, CREATED);
        String record = "7" + contact;
        VendorStubs.itglueRecordList(ITGLUE, CORP_ITGLUE, record + ":" + sam + "@corp.example.test");
        matches.sync("corp");
        String accountId = directory.findByEmail("corp", sam + "@corp.example.test").orElseThrow().id();
        matches.approve("corp", List.of(new Approval(accountId, Optional.of(record))));
        VendorStubs.itglueRecord(ITGLUE, record, CORP_ITGLUE, sam + "@corp.example.test");
        VendorStubs.autotaskContact(AUTOTASK, contact, CORP_COMPANY, sam + "@corp.example.test");
        return dn;
    }

    private String note(long ticketId) throws Exception {
        List<LoggedRequest> notes = AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes")));
        assertThat(notes).hasSize(1);
        return json.readTree(notes.get(0).getBodyAsString()).path("description").asText();
    }

    private String patchedPassword(String recordId) throws Exception {
        List<LoggedRequest> patches = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)));
        assertThat(patches).hasSize(1);
        return json.readTree(patches.get(0).getBodyAsString()).path("data").path("attributes").path("password").asText();
    }
}
