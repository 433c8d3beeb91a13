package io.rotabot.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.rotabot.directory.DirectoryAccount;
import io.rotabot.vault.VaultRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final DirectoryAccount CORP_ALICE = ad("a-corp", "alice", "CORP", "alice@corp.example.com");
    private static final DirectoryAccount LAB_ALICE = ad("a-lab", "alice", "LAB", "alice@lab.example.com");
    private static final DirectoryAccount BOB = ad("b", "bob", "CORP", "robert.brown@example.com");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CORP\\alice",
        "corp\\ALICE",
        "alice@corp.example.com",
        "Alice@Corp.Example.Com",
        "'  CORP\\alice  '"})
    void aQualifiedNameMatchesOnlyThatDomainsAccount(String written) {
        assertThat(candidatesOf(CORP_ALICE, record("r1", written))).containsExactly("r1");
        assertThat(candidatesOf(LAB_ALICE, record("r1", written))).isEmpty();
    }

    @Test
    void aPlainNameMatchesTheUserInEveryDomainOfTheOrganization() {
        List<Suggestions.Suggestion> suggestions = Suggestions.suggest(List.of(CORP_ALICE, LAB_ALICE),
                List.of(record("r1", "alice")));

        assertThat(suggestions).allSatisfy(s -> assertThat(s.recordIds()).containsExactly("r1"));
    }

    @Test
    void twoDomainsWithTheSameUserKeepTheirOwnRecords() {
        List<Suggestions.Suggestion> suggestions = Suggestions.suggest(List.of(CORP_ALICE, LAB_ALICE),
                List.of(record("corp", "CORP\\alice"), record("lab", "LAB\\alice"), record("both", "alice")));

        assertThat(suggestions.get(0).recordIds()).containsExactly("corp", "both");
        assertThat(suggestions.get(1).recordIds()).containsExactly("lab", "both");
        assertThat(suggestions).noneMatch(Suggestions.Suggestion::single);
    }

    @Test
    void theUpnMatchesEvenWhenItDiffersFromTheLogonName() {
        assertThat(candidatesOf(BOB, record("r1", "robert.brown@example.com"))).containsExactly("r1");
        assertThat(candidatesOf(BOB, record("r2", "CORP\\bob"))).containsExactly("r2");
        assertThat(candidatesOf(BOB, record("r3", "robert.brown"))).as("the UPN's user alone").containsExactly("r3");
    }

    @Test
    void oneCandidateIsASingleMatchAndArchivedRecordsAreNeverOffered() {
        Suggestions.Suggestion only = Suggestions.suggest(List.of(CORP_ALICE),
                List.of(record("old", "CORP\\alice", true), record("current", "CORP\\alice"))).get(0);

        assertThat(only.recordIds()).containsExactly("current");
        assertThat(only.single()).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"''", "'\\'", "'@'", "'CORP\\'", "'alice@'", "'@corp'", "'CORP\\alice@corp'"})
    void namesThatAreNotUserNamesMatchNothing(String written) {
        assertThat(candidatesOf(CORP_ALICE, record("r1", written))).isEmpty();
    }

    @Test
    void anEntraUserMatchesByItsUpn() {
        DirectoryAccount cloud = new DirectoryAccount("org", DirectoryAccount.Source.ENTRA_ID, "e1", "", "",
                "frank@contoso.com", "frank@contoso.com", "Frank", "contoso.com", true, false, false, DirectoryAccount.Privilege.NONE,
                false, Optional.empty());

        assertThat(candidatesOf(cloud, record("r1", "frank@contoso.com"))).containsExactly("r1");
        assertThat(candidatesOf(cloud, record("r2", "frank"))).containsExactly("r2");
        assertThat(candidatesOf(cloud, record("r3", "frank@fabrikam.com"))).isEmpty();
    }

    private static List<String> candidatesOf(DirectoryAccount account, VaultRecord record) {
        return Suggestions.suggest(List.of(account), List.of(record)).get(0).recordIds();
    }

    static DirectoryAccount ad(String id, String sam, String netbios, String upn) {
        return new DirectoryAccount("org", DirectoryAccount.Source.ACTIVE_DIRECTORY, id, "CN=" + sam, sam, upn, "", sam,
                netbios, true, false, false, DirectoryAccount.Privilege.NONE, false, Optional.empty());
    }

    static VaultRecord record(String id, String username) {
        return record(id, username, false);
    }

    static VaultRecord record(String id, String username, boolean archived) {
        return new VaultRecord(id, 1, "record " + id, username, "", "Active Directory", "https://msp.itglue.com/1/passwords/" + id,
                false, archived, Optional.empty(), Optional.empty());
    }
}
