package io.rotabot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import io.rotabot.directory.Directory;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Matching against the sandbox directory and IT Glue stubs: every state move, what a sync does to
 * matches whose account or record changed, and that nothing is half-done when a move is refused.
 */
class MatchesTest extends EndToEndEnvironment {

    private static final String USERS = "CN=Users,DC=acme,DC=test";

    @Autowired
    Directory directory;

    private final String run = UUID.randomUUID().toString().substring(0, 5);

    @Test
    void aSyncSuggestsAndListsSingleSuggestionsFirst() throws Exception {
        String single = newAcmeUser(run + "single");
        String several = newAcmeUser(run + "several");
        String none = newAcmeUser(run + "none");
        records("r1:ACME\\" + run + "single", "r2:" + run + "several", "r3:" + run + "several@acme.test",
                "r4:ACME\\" + run + "none:archived");

        SyncResult result = matches.sync("acme");

        assertThat(result.newAccounts()).isGreaterThanOrEqualTo(3);
        assertThat(match(single).suggestedRecordIds()).containsExactly(id("r1"));
        assertThat(match(several).suggestedRecordIds()).containsExactlyInAnyOrder(id("r2"), id("r3"));
        assertThat(match(none).suggestedRecordIds()).as("archived records are not offered").isEmpty();
        List<Match> unmatched = matches.list(new Matches.MatchFilter(Optional.of("acme"), Optional.of(MatchState.UNMATCHED), false),
                true, 0, 500).items();
        int firstNotSingle = indexWhere(unmatched, m -> !m.singleSuggestion());
        assertThat(unmatched.subList(firstNotSingle, unmatched.size())).noneMatch(Match::singleSuggestion);
        assertThat(unmatched.subList(0, firstNotSingle)).extracting(Match::accountId).contains(single);
    }

    @Test
    void approvalTakesTheSingleSuggestionOrTheChosenRecordAndNothingElse() throws Exception {
        String single = newAcmeUser(run + "single");
        String several = newAcmeUser(run + "several");
        records("r1:ACME\\" + run + "single", "r2:" + run + "several", "r3:" + run + "several@acme.test");
        matches.sync("acme");

        assertThatThrownBy(() -> matches.approve("acme", List.of(approval(single, null), approval(several, null))))
                .isInstanceOf(MatchingException.class).hasMessageContaining("has 2 suggested records; choose");
        assertThat(match(single).state()).as("all or nothing").isEqualTo(MatchState.UNMATCHED);
        assertThatThrownBy(() -> matches.approve("acme", List.of(approval(several, "no-such-record"))))
                .hasMessageContaining("is not a record of acme");

        matches.approve("acme", List.of(approval(single, null), approval(several, id("r3"))));

        assertThat(match(single).vaultRecordId()).contains(id("r1"));
        assertThat(match(several).vaultRecordId()).contains(id("r3"));
        assertThat(matches.approvedRecord("acme", several)).contains(id("r3"));
    }

    @Test
    void aRecordIsTheMatchOfOneAccountOnly() throws Exception {
        String first = newAcmeUser(run + "first");
        String second = newAcmeUser(run + "second");
        records("r1:" + run + "first");
        matches.sync("acme");
        matches.approve("acme", List.of(approval(first, id("r1"))));

        assertThatThrownBy(() -> matches.approve("acme", List.of(approval(second, id("r1")))))
                .isInstanceOfSatisfying(MatchingException.class, e -> assertThat(e.conflict()).isTrue())
                .hasMessageContaining("already the match of " + run + "first");
        assertThatThrownBy(() -> matches.approve("acme", List.of(approval(first, id("r1")))))
                .hasMessageContaining("is Matched; remove its match before choosing another record");
    }

    @Test
    void ignoreRemoveAndMatchBackMoveOnlyFromTheRightStates() throws Exception {
        String one = newAcmeUser(run + "one");
        String two = newAcmeUser(run + "two");
        records("r1:" + run + "one", "r2:" + run + "two");
        matches.sync("acme");
        matches.approve("acme", List.of(approval(one, null)));

        assertThatThrownBy(() -> matches.ignore("acme", List.of(one, two))).hasMessageContaining("is Matched");
        assertThat(match(two).state()).isEqualTo(MatchState.UNMATCHED);
        matches.ignore("acme", List.of(two));
        assertThat(match(two).state()).isEqualTo(MatchState.IGNORED);
        assertThatThrownBy(() -> matches.approve("acme", List.of(approval(two, null)))).hasMessageContaining("match it back");

        matches.unignore("acme", List.of(two));
        assertThat(match(two).state()).isEqualTo(MatchState.UNMATCHED);
        matches.remove("acme", List.of(one), false);
        assertThat(match(one).state()).isEqualTo(MatchState.UNMATCHED);
        assertThat(match(one).vaultRecordId()).isEmpty();
        matches.approve("acme", List.of(approval(one, null)));
        matches.remove("acme", List.of(one), true);
        assertThat(match(one).state()).as("removed straight to Ignored").isEqualTo(MatchState.IGNORED);
        assertThatThrownBy(() -> matches.remove("acme", List.of(one), false)).hasMessageContaining("only a Matched account");
        assertThatThrownBy(() -> matches.unignore("acme", List.of(two))).hasMessageContaining("only an Ignored account");
        assertThatThrownBy(() -> matches.ignore("acme", List.of("no-such-account"))).hasMessageContaining("no account [no-such-account]");
    }

    @Test
    void ignoredAccountsAreNotCountedAsUnmatched() throws Exception {
        String one = newAcmeUser(run + "one");
        records();
        matches.sync("acme");
        long before = matches.sync("acme").unmatched();

        matches.ignore("acme", List.of(one));

        assertThat(matches.sync("acme").unmatched()).isEqualTo(before - 1);
    }

    @Test
    void aRenamedAccountKeepsItsMatchByItsImmutableId() throws Exception {
        String account = newAcmeUser(run + "rename");
        records("r1:" + run + "rename");
        matches.sync("acme");
        matches.approve("acme", List.of(approval(account, null)));

        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.modifyDN(new ModifyDNRequest("CN=" + run + "rename," + USERS, "CN=" + run + "renamed", true));
            ldap.modify("CN=" + run + "renamed," + USERS,
                    new Modification(ModificationType.REPLACE, "userPrincipalName", run + "renamed@acme.test"));
        }
        matches.sync("acme");

        assertThat(match(account).state()).isEqualTo(MatchState.MATCHED);
        assertThat(match(account).logonName()).isEqualTo(run + "renamed@acme.test");
        assertThat(match(account).vaultRecordId()).contains(id("r1"));
    }

    @Test
    void aDeletedAccountADeletedRecordAndAnArchivedRecordUndoTheirMatchesAndSaySo() throws Exception {
        String gone = newAcmeUser(run + "gone");
        String orphan = newAcmeUser(run + "orphan");
        String dusty = newAcmeUser(run + "dusty");
        records("r1:" + run + "gone", "r2:" + run + "orphan", "r3:" + run + "dusty");
        matches.sync("acme");
        matches.approve("acme", List.of(approval(gone, null), approval(orphan, null), approval(dusty, null)));

        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.delete("CN=" + run + "gone," + USERS);
        }
        records("r1:" + run + "gone", "r3:" + run + "dusty:archived");
        SyncResult result = matches.sync("acme");

        assertThat(result.invalidated()).isEqualTo(3);
        Match deleted = matches.list(new Matches.MatchFilter(Optional.of("acme"), Optional.empty(), false), false, 0, 500)
                .items().stream()
                .filter(m -> m.accountId().equals(gone)).findFirst().orElseThrow();
        assertThat(deleted.inDirectory()).isFalse();
        assertThat(deleted.problem()).contains("the account was deleted from the directory");
        assertThat(match(orphan).problem()).contains("the vault record " + id("r2") + " was deleted from the vault");
        assertThat(match(orphan).state()).isEqualTo(MatchState.UNMATCHED);
        assertThat(match(dusty).problem()).contains("the vault record " + id("r3") + " was archived");
        assertThat(matches.approvedRecord("acme", gone)).isEmpty();
        assertThat(matches.approvedRecord("acme", orphan)).isEmpty();
        assertThat(matches.approvedRecord("acme", dusty)).isEmpty();
    }

    private Match match(String accountId) {
        return matches.list(new Matches.MatchFilter(Optional.of("acme"), Optional.empty(), false), false, 0, 500).items().stream()
                .filter(m -> m.accountId().equals(accountId)).findFirst().orElseThrow();
    }

    private static Approval approval(String accountId, String recordId) {
        return new Approval(accountId, Optional.ofNullable(recordId));
    }

    /** Record ids are made unique per test run: "r1" becomes "r1" + run. */
    private String id(String record) {
        return record + run;
    }

    private void records(String... records) {
        String[] unique = new String[records.length];
        for (int i = 0; i < records.length; i++) {
            String local = records[i].substring(0, records[i].indexOf(':'));
            unique[i] = id(local) + records[i].substring(local.length());
        }
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, unique);
    }

    private static int indexWhere(List<Match> matches, java.util.function.Predicate<Match> condition) {
        for (int i = 0; i < matches.size(); i++) {
            if (condition.test(matches.get(i))) {
                return i;
            }
        }
        return matches.size();
    }
}
