package io.rotabot.sandbox;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Syncs the demo's organizations and approves three suggested matches — through the real AD and
 * IT Glue clients, the way a technician would — and says how to send a demo ticket.
 */
@Component
@Profile("demo")
class DemoGuide {

    private static final Logger log = LoggerFactory.getLogger(DemoGuide.class);

    private final Directory directory;
    private final Matches matches;
    private final String baseUrl;

    DemoGuide(Directory directory, Matches matches, SandboxProperties properties) {
        this.directory = directory;
        this.matches = matches;
        this.baseUrl = properties.rotabotUrl().toString();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        matches.sync("acme");
        matches.sync("globex");
        approveSuggestion("acme", "alice@acme.test");
        approveSuggestion("acme", "bob@acme.test");
        approveSuggestion("acme", "carol@acme.test");
        approveSuggestion("acme", "dan@acme.test");
        approveSuggestion("acme", "dave.admin@acme.test");
        approveSuggestion("globex", "carol@globex.test");
        log.info("""

                ==== Rotabot demo is running ====
                Send a password-reset ticket as alice@acme.test and watch it become a rotation and a note:
                    docker/demo-ticket.sh alice@acme.test "Forgot my password" "Hi, I forgot my password and I am locked out."
                Other requesters: bob@acme.test, carol@globex.test (matched); carol@acme.test (locked out: her reset
                also unlocks; "locked out but I know my password" only unlocks); dan@acme.test (disabled: refused);
                dave.admin@acme.test (a Domain Admin: waits for a review); erin@globex.test (no account).
                A ticket naming someone else ("please reset the password of bob@acme.test") waits for a review in
                Tasklist. A ticket about the Wi-Fi password is not a reset. Globex's domain keeps a password a day:
                a second reset of carol@globex.test the same day waits ("Waiting for minimum password age").
                Matches:              curl -u admin:demo {}/api/organizations/acme/matches
                Cockpit and Tasklist: {}/camunda (admin / demo)
                Rotations (REST):     curl -u admin:demo {}/api/rotations
                A ticket and its notes: {}/sandbox/tickets/<ticket id>
                A vault record and its revisions: the link in the note
                """, baseUrl, baseUrl, baseUrl, baseUrl);
    }

    /** As a technician would: take the single suggestion the sync made for the account. */
    private void approveSuggestion(String organization, String email) {
        DirectoryAccount account = directory.findByEmail(organization, email)
                .orElseThrow(() -> new IllegalStateException("The sandbox directory has no " + email));
        if (matches.approvedRecord(organization, account.id()).isEmpty()) {
            matches.approve(organization, List.of(new Approval(account.id(), Optional.empty())));
        }
    }
}
