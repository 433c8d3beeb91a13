package io.rotabot.matching;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.vault.Vault;
import io.rotabot.vault.VaultRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Directory accounts matched to vault records. A sync imports both sides and suggests; a person
 * approves, ignores or removes, one or many at a time. Approval is the consent to rotate: nothing
 * without a Matched state is ever rotated, and a vault record is the match of at most one account.
 * Matching never changes a password. The number of Matched pairs that are Out of sync is the gauge
 * {@code rotabot.matches.out.of.sync}.
 */
@Service
public class Matches {

    private static final String COLUMNS = "organization_key, account_id, source, logon_name, domain, display_name, enabled, "
            + "privilege, in_directory, state, vault_record_id, suggested_record_ids, problem, decided_at, "
            + "directory_changed_at, vault_changed_at";
    private static final String OUT_OF_SYNC = "state = 'MATCHED' and (directory_changed_at is not null or vault_changed_at is not null)";
    /** A new decision, or an undone match, has no drift: it was judged against the pair before. */
    private static final String NO_DRIFT = "directory_changed_at = null, vault_changed_at = null, rotated_at = null";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final Organizations organizations;
    private final Directory directory;
    private final Vault vault;
    private final RotationHistory history;
    private final ApplicationEventPublisher events;
    private final Duration clockSkew;

    Matches(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, Organizations organizations,
            Directory directory, Vault vault, RotationHistory history, ApplicationEventPublisher events, MeterRegistry meters,
            @Value("${rotabot.matching.clock-skew:5m}") Duration clockSkew) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.organizations = organizations;
        this.directory = directory;
        this.vault = vault;
        this.history = history;
        this.events = events;
        this.clockSkew = clockSkew;
        Gauge.builder("rotabot.matches.out.of.sync", this, Matches::outOfSyncCount)
                .description("Matched pairs whose password was changed outside Rotabot since their last rotation")
                .register(meters);
    }

    /**
     * Imports the organization's directory accounts and vault records and refreshes suggestions. New
     * accounts arrive Unmatched; a renamed account keeps its match (its id does not change); a match
     * whose account or record was deleted, or whose record was archived, is undone and says why. A
     * person's decision made while the sync runs stands: the sync writes what it imports, and undoes a
     * match only if it is still the one it read. Each Matched pair Rotabot has rotated is checked for
     * drift ({@link Drift}): one whose password changed outside Rotabot becomes Out of sync, and
     * {@link PairOutOfSync} is published once, when it does. A pair whose rotation is under way keeps
     * what it was: the directory may already have a password the journal has not finished with.
     */
    public SyncResult sync(String organizationKey) {
        Organization organization = organization(organizationKey);
        List<DirectoryAccount> accounts = directory.accounts(organizationKey);
        List<VaultRecord> records = vault.records(organization.itglueOrganizationId());
        List<Suggestions.Suggestion> suggestions = Suggestions.suggest(accounts, records);
        return transactions.execute(status -> store(organizationKey, accounts, records, suggestions));
    }

    private SyncResult store(String organizationKey, List<DirectoryAccount> accounts, List<VaultRecord> records,
                             List<Suggestions.Suggestion> suggestions) {
        // one sync of an organization at a time (every node runs the hourly one); decisions do not take this lock
        jdbc.sql("select organization_key from organizations where organization_key = ? for update").param(organizationKey)
                .query(String.class).optional();
        Timestamp now = Timestamp.from(Instant.now());
        batch.update("delete from vault_records where organization_key = ?", organizationKey);
        batch.batchUpdate("insert into vault_records (organization_key, record_id, name, username, url, category, resource_url, "
                + "restricted, archived, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records, 1000, (statement, record) -> {
                    statement.setString(1, organizationKey);
                    statement.setString(2, record.id());
                    statement.setString(3, clip(record.name(), 512));
                    statement.setString(4, clip(record.username(), 512));
                    statement.setString(5, clip(record.url(), 2000));
                    statement.setString(6, clip(record.category(), 256));
                    statement.setString(7, clip(record.resourceUrl(), 2000));
                    statement.setBoolean(8, record.restricted());
                    statement.setBoolean(9, record.archived());
                    statement.setObject(10, record.updatedAt().orElse(null));
                });
        Map<String, VaultRecord> recordsById = records.stream().collect(Collectors.toMap(VaultRecord::id, Function.identity(), (a, b) -> a));
        Map<String, Match> known = jdbc.sql("select " + COLUMNS + " from matches where organization_key = ?")
                .param(organizationKey).query(Matches::toMatch).list().stream()
                .collect(Collectors.toMap(Match::accountId, Function.identity()));
        Map<String, RotationHistory.LastRotation> rotated = history.lastRotations(organizationKey);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> imported = new ArrayList<>();
        List<Object[]> gone = new ArrayList<>();
        int invalidated = 0;
        for (int i = 0; i < accounts.size(); i++) {
            DirectoryAccount account = accounts.get(i);
            String suggested = clip(String.join(",", suggestions.get(i).recordIds()), 4000);
            Match before = known.remove(account.id());
            if (before == null) {
                inserts.add(new Object[] {organizationKey, account.id(), account.source().name(), account.logonName(),
                    account.domain(), account.displayName(), account.enabled(), account.privilege().name(), suggested, now});
                continue;
            }
            imported.add(new Object[] {account.source().name(), account.logonName(), account.domain(), account.displayName(),
                account.enabled(), account.privilege().name(), suggested, now, organizationKey, account.id()});
            if (before.state() != MatchState.MATCHED) {
                continue;
            }
            String record = before.vaultRecordId().orElseThrow();
            VaultRecord current = recordsById.get(record);
            if (current == null || current.archived()) {
                invalidated += undoMatch(before, current == null ? "the vault record " + record + " was deleted from the vault"
                        : "the vault record " + record + " was archived");
            } else if (rotated.containsKey(account.id()) && !rotated.get(account.id()).rotatingAgain()) {
                checkDrift(before, account, current, rotated.get(account.id()));
            }
        }
        for (Match missing : known.values()) {
            if (!missing.inDirectory()) {
                continue;
            }
            gone.add(new Object[] {now, organizationKey, missing.accountId()});
            if (missing.state() == MatchState.MATCHED) {
                invalidated += undoMatch(missing, "the account was deleted from the directory");
            }
        }
        batch.batchUpdate("insert into matches (organization_key, account_id, source, logon_name, domain, display_name, "
                + "enabled, privilege, in_directory, state, suggested_record_ids, synced_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, true, 'UNMATCHED', ?, ?)", inserts);
        // only what the sync imports: a decision committed since the sync read the matches stays as it is
        batch.batchUpdate("update matches set source = ?, logon_name = ?, domain = ?, display_name = ?, enabled = ?, "
                + "privilege = ?, in_directory = true, suggested_record_ids = ?, synced_at = ? "
                + "where organization_key = ? and account_id = ?", imported);
        batch.batchUpdate("update matches set in_directory = false, suggested_record_ids = '', synced_at = ? "
                + "where organization_key = ? and account_id = ?", gone);
        long unmatched = count(organizationKey, MatchState.UNMATCHED);
        long single = jdbc.sql("select count(*) from matches where organization_key = ? and in_directory and state = 'UNMATCHED' "
                + "and suggested_record_ids <> '' and suggested_record_ids not like '%,%'")
                .param(organizationKey).query(Long.class).single();
        long outOfSync = jdbc.sql("select count(*) from matches where organization_key = ? and in_directory and " + OUT_OF_SYNC)
                .param(organizationKey).query(Long.class).single();
        return new SyncResult(organizationKey, accounts.size(), records.size(), inserts.size(), (int) unmatched, (int) single,
                invalidated, (int) outOfSync);
    }

    /** Undoes the match the sync read, unless a person has changed it since; 1 if undone. */
    private int undoMatch(Match match, String problem) {
        return jdbc.sql("update matches set state = 'UNMATCHED', vault_record_id = null, problem = ?, " + NO_DRIFT
                        + " where organization_key = ? and account_id = ? and state = 'MATCHED' and vault_record_id = ?")
                .params(problem, match.organizationKey(), match.accountId(), match.vaultRecordId().orElseThrow())
                .update();
    }

    /**
     * Marks the pair Out of sync, or in sync again, as {@link Drift} judges it against its last rotation;
     * the pair must still be the one the sync read, and no newer rotation may have reconciled it meanwhile.
     */
    private void checkDrift(Match match, DirectoryAccount account, VaultRecord record, RotationHistory.LastRotation last) {
        Optional<OutOfSync> drift = Drift.judge(account, record, last, clockSkew);
        if (drift.equals(match.outOfSync())) {
            return;
        }
        Timestamp rotatedAt = Timestamp.from(last.finishedAt());
        int changed = jdbc.sql("update matches set directory_changed_at = ?, vault_changed_at = ?, rotated_at = ? "
                        + "where organization_key = ? and account_id = ? and state = 'MATCHED' and vault_record_id = ? "
                        + "and (rotated_at is null or rotated_at <= ?)")
                .params(drift.flatMap(OutOfSync::directoryChangedAt).map(Timestamp::from).orElse(null),
                        drift.flatMap(OutOfSync::vaultChangedAt).map(Timestamp::from).orElse(null), rotatedAt,
                        match.organizationKey(), match.accountId(), record.id(), rotatedAt)
                .update();
        if (changed == 1 && drift.isPresent() && drift.get().tellsMoreThan(match.outOfSync())) {
            events.publishEvent(new PairOutOfSync(match.organizationKey(), match.accountId(), account.logonName(), record.id(),
                    drift.get()));
        }
    }

    /**
     * A successful rotation of the pair, finished at this time: whatever drift it had is reconciled, and a
     * sync that judged it against an older rotation cannot mark it Out of sync again. In a transaction of its
     * own, as the rotation's has ended when it is told.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void reconciled(String organizationKey, String accountId, String vaultRecordId, Instant rotatedAt) {
        jdbc.sql("update matches set directory_changed_at = null, vault_changed_at = null, rotated_at = ? "
                        + "where organization_key = ? and account_id = ? and state = 'MATCHED' and vault_record_id = ? "
                        + "and (rotated_at is null or rotated_at < ?)")
                .params(Timestamp.from(rotatedAt), organizationKey, accountId, vaultRecordId, Timestamp.from(rotatedAt))
                .update();
    }

    private double outOfSyncCount() {
        return jdbc.sql("select count(*) from matches where in_directory and " + OUT_OF_SYNC).query(Long.class).single();
    }

    private long count(String organizationKey, MatchState state) {
        return jdbc.sql("select count(*) from matches where organization_key = ? and in_directory and state = ?")
                .params(organizationKey, state.name()).query(Long.class).single();
    }

    /**
     * Which matches a list shows.
     *
     * @param organizationKey one organization's, or every organization's
     * @param state one state only, or any
     * @param outOfSyncOnly only Matched pairs that are Out of sync
     */
    public record MatchFilter(Optional<String> organizationKey, Optional<MatchState> state, boolean outOfSyncOnly) {
    }

    /**
     * A page of matches: accounts in the directory, and deleted ones whose match was undone (they say so);
     * optionally one organization's, one state only or Out of sync only, and single suggestions first.
     */
    public MatchPage list(MatchFilter filter, boolean suggestedFirst, int page, int size) {
        filter.organizationKey().ifPresent(this::organization);
        StringBuilder where = new StringBuilder(" from matches where (in_directory or problem is not null)");
        Map<String, Object> parameters = new HashMap<>();
        filter.organizationKey().ifPresent(key -> {
            where.append(" and organization_key = :organization");
            parameters.put("organization", key);
        });
        filter.state().ifPresent(state -> {
            where.append(" and state = :state");
            parameters.put("state", state.name());
        });
        if (filter.outOfSyncOnly()) {
            where.append(" and in_directory and ").append(OUT_OF_SYNC);
        }
        long total = jdbc.sql("select count(*)" + where).params(parameters).query(Long.class).single();
        String order = suggestedFirst
                ? " order by case when state = 'UNMATCHED' and suggested_record_ids <> '' and suggested_record_ids not like '%,%' "
                  + "then 0 else 1 end, organization_key, logon_name, account_id"
                : " order by organization_key, logon_name, account_id";
        List<Match> items = jdbc.sql("select " + COLUMNS + where + order + " limit " + size + " offset " + ((long) page * size))
                .params(parameters).query(Matches::toMatch).list();
        return new MatchPage(items, total, page, size);
    }

    /** The vault records of the organization with these ids, as of the last sync, to show with matches. */
    public Map<String, VaultRecord> records(String organizationKey, Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select * from vault_records where organization_key = :organization and record_id in (:ids)")
                .param("organization", organizationKey).param("ids", List.copyOf(recordIds))
                .query(Matches::toRecord)
                .list().stream().collect(Collectors.toMap(VaultRecord::id, Function.identity()));
    }

    /**
     * The organization's records (as of the last sync, archived ones left out) whose name or user name
     * contains the text: what a person searches when an account has no or several suggestions.
     */
    public List<VaultRecord> searchRecords(String organizationKey, String text, int limit) {
        organization(organizationKey);
        String pattern = "%" + text.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select * from vault_records where organization_key = ? and not archived "
                + "and (lower(name) like ? escape '\\' or lower(username) like ? escape '\\') order by name, record_id limit ?")
                .params(organizationKey, pattern, pattern, limit)
                .query(Matches::toRecord)
                .list();
    }

    /** Matches each account to the chosen record, or to its single suggestion; all or none. */
    @Transactional
    public void approve(String organizationKey, List<Approval> approvals) {
        Map<String, Match> matches = existing(organizationKey, approvals.stream().map(Approval::accountId).toList());
        Map<String, String> chosen = new HashMap<>();
        for (Approval approval : approvals) {
            Match match = matches.get(approval.accountId());
            if (match.state() != MatchState.UNMATCHED) {
                throw MatchingException.conflict(match.logonName() + " is " + label(match.state())
                        + (match.state() == MatchState.MATCHED ? "; remove its match before choosing another record"
                           : "; match it back before approving"));
            }
            String record = approval.vaultRecordId().filter(id -> !id.isBlank()).orElseGet(() -> {
                if (!match.singleSuggestion()) {
                    throw MatchingException.invalid(match.logonName() + " has " + match.suggestedRecordIds().size()
                            + " suggested records; choose the record to approve");
                }
                return match.suggestedRecordIds().get(0);
            });
            if (chosen.containsValue(record)) {
                throw MatchingException.invalid("vault record " + record + " is chosen for two accounts; a record holds one password");
            }
            chosen.put(match.accountId(), record);
        }
        Map<String, VaultRecord> records = records(organizationKey, chosen.values());
        for (Map.Entry<String, String> pair : chosen.entrySet()) {
            VaultRecord record = records.get(pair.getValue());
            String account = matches.get(pair.getKey()).logonName();
            if (record == null) {
                throw MatchingException.invalid("vault record " + pair.getValue() + " is not a record of " + organizationKey
                        + " (as of the last sync)");
            }
            if (record.archived()) {
                throw MatchingException.invalid("vault record " + record.id() + " (" + record.name() + ") is archived");
            }
            jdbc.sql("select logon_name from matches where organization_key = ? and vault_record_id = ? and state = 'MATCHED'")
                .params(organizationKey, record.id()).query(String.class).optional().ifPresent(holder -> {
                    throw MatchingException.conflict("vault record " + record.id() + " is already the match of " + holder
                            + "; a record holds one password (for " + account + ")");
                });
        }
        Timestamp now = Timestamp.from(Instant.now());
        chosen.forEach((accountId, record) -> jdbc.sql("update matches set state = 'MATCHED', vault_record_id = ?, problem = null, "
                + NO_DRIFT + ", decided_at = ? where organization_key = ? and account_id = ?")
                .params(record, now, organizationKey, accountId).update());
    }

    /** Sets Unmatched accounts aside; ignored accounts are not offered again. */
    @Transactional
    public void ignore(String organizationKey, List<String> accountIds) {
        move(organizationKey, accountIds, Set.of(MatchState.UNMATCHED, MatchState.IGNORED), MatchState.IGNORED,
                "remove its match first, or remove it with ignore");
    }

    /** Undoes approvals: back to Unmatched, or straight to Ignored. */
    @Transactional
    public void remove(String organizationKey, List<String> accountIds, boolean ignore) {
        move(organizationKey, accountIds, Set.of(MatchState.MATCHED), ignore ? MatchState.IGNORED : MatchState.UNMATCHED,
                "only a Matched account has a match to remove");
    }

    /** Brings Ignored accounts back to Unmatched, with their suggestions, to be matched. */
    @Transactional
    public void unignore(String organizationKey, List<String> accountIds) {
        move(organizationKey, accountIds, Set.of(MatchState.IGNORED), MatchState.UNMATCHED, "only an Ignored account can be matched back");
    }

    private void move(String organizationKey, List<String> accountIds, Set<MatchState> from, MatchState to, String hint) {
        Map<String, Match> matches = existing(organizationKey, accountIds);
        for (Match match : matches.values()) {
            if (!from.contains(match.state())) {
                throw MatchingException.conflict(match.logonName() + " is " + label(match.state()) + "; " + hint);
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        for (String accountId : matches.keySet()) {
            jdbc.sql("update matches set state = ?, vault_record_id = null, problem = null, " + NO_DRIFT + ", decided_at = ? "
                    + "where organization_key = ? and account_id = ?").params(to.name(), now, organizationKey, accountId).update();
        }
    }

    private Map<String, Match> existing(String organizationKey, List<String> accountIds) {
        organization(organizationKey);
        if (accountIds.isEmpty()) {
            throw MatchingException.invalid("no accounts given");
        }
        Set<String> distinct = new HashSet<>(accountIds);
        if (distinct.size() != accountIds.size()) {
            throw MatchingException.invalid("an account is named twice");
        }
        Map<String, Match> found = jdbc.sql("select " + COLUMNS + " from matches where organization_key = :organization "
                + "and account_id in (:ids) and in_directory")
                .param("organization", organizationKey).param("ids", List.copyOf(distinct))
                .query(Matches::toMatch).list().stream().collect(Collectors.toMap(Match::accountId, Function.identity()));
        List<String> unknown = accountIds.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw MatchingException.invalid("no account " + unknown + " in " + organizationKey + "'s directory (as of the last sync)");
        }
        return found;
    }

    /**
     * An approved pair, for scheduled rotation.
     *
     * @param accountId the directory account
     * @param vaultRecordId its approved record
     */
    public record MatchedPair(String accountId, String vaultRecordId) {
    }

    /** The organization's approved pairs still in the directory that take part in scheduled rotation. */
    public List<MatchedPair> scheduledPairs(String organizationKey) {
        return jdbc.sql("select account_id, vault_record_id from matches where organization_key = ? and state = 'MATCHED' "
                + "and in_directory and not scheduled_opt_out order by account_id")
            .param(organizationKey)
            .query((row, i) -> new MatchedPair(row.getString(1), row.getString(2)))
            .list();
    }

    /** Leaves Matched accounts out of scheduled rotation, or takes them back in. */
    @Transactional
    public void optOutOfSchedule(String organizationKey, List<String> accountIds, boolean optOut) {
        Map<String, Match> matches = existing(organizationKey, accountIds);
        for (Match match : matches.values()) {
            if (match.state() != MatchState.MATCHED) {
                throw MatchingException.conflict(match.logonName() + " is " + label(match.state())
                        + "; only Matched accounts are rotated on schedule");
            }
        }
        matches.keySet().forEach(id -> jdbc.sql("update matches set scheduled_opt_out = ? where organization_key = ? "
                + "and account_id = ?").params(optOut, organizationKey, id).update());
    }

    /** The account still in the directory whose approved match is this record, if any. */
    public Optional<String> accountMatchedTo(String organizationKey, String vaultRecordId) {
        return jdbc.sql("select account_id from matches where organization_key = ? and vault_record_id = ? "
                + "and state = 'MATCHED' and in_directory")
            .params(organizationKey, vaultRecordId)
            .query(String.class)
            .optional();
    }

    /**
     * The organizations whose synced accounts live in this domain: its NetBIOS name (AD's {@code CORP}),
     * or the DNS domain of their logon names ({@code corp.example} of {@code jane@corp.example}).
     */
    public Set<String> organizationsOfDomain(String domain) {
        String name = domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (name.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select distinct organization_key from matches where lower(domain) = ? or lower(logon_name) like ?")
                .params(name, "%@" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .query(String.class).list());
    }

    /** The approved vault record of an account still in the directory, if any. */
    public Optional<String> approvedRecord(String organizationKey, String accountId) {
        return jdbc.sql("select vault_record_id from matches where organization_key = ? and account_id = ? "
                + "and state = 'MATCHED' and in_directory")
            .params(organizationKey, accountId)
            .query(String.class)
            .optional();
    }

    private Organization organization(String organizationKey) {
        return organizations.byKey(organizationKey)
                .orElseThrow(() -> MatchingException.invalid("no organization " + organizationKey));
    }

    private static String label(MatchState state) {
        return switch (state) {
            case UNMATCHED -> "Unmatched";
            case MATCHED -> "Matched";
            case IGNORED -> "Ignored";
        };
    }

    private static String clip(String value, int length) {
        return value == null ? "" : value.length() > length ? value.substring(0, length) : value;
    }

    private static VaultRecord toRecord(ResultSet row, int index) throws SQLException {
        return new VaultRecord(row.getString("record_id"), 0, row.getString("name"), row.getString("username"),
                row.getString("url"), row.getString("category"), row.getString("resource_url"), row.getBoolean("restricted"),
                row.getBoolean("archived"), Optional.empty(),
                Optional.ofNullable(row.getObject("updated_at", java.time.OffsetDateTime.class)));
    }

    private static Match toMatch(ResultSet row, int index) throws SQLException {
        String suggested = row.getString("suggested_record_ids");
        Timestamp decided = row.getTimestamp("decided_at");
        return new Match(row.getString("organization_key"), row.getString("account_id"),
                DirectoryAccount.Source.valueOf(row.getString("source")), row.getString("logon_name"), row.getString("domain"),
                row.getString("display_name"), row.getBoolean("enabled"), DirectoryAccount.Privilege.valueOf(row.getString("privilege")),
                row.getBoolean("in_directory"), MatchState.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("vault_record_id")),
                suggested == null || suggested.isEmpty() ? List.of() : Arrays.asList(suggested.split(",")),
                Optional.ofNullable(row.getString("problem")), Optional.ofNullable(decided).map(Timestamp::toInstant),
                outOfSync(row));
    }

    private static Optional<OutOfSync> outOfSync(ResultSet row) throws SQLException {
        if (!MatchState.MATCHED.name().equals(row.getString("state"))) {
            return Optional.empty();
        }
        Optional<Instant> directory = Optional.ofNullable(row.getTimestamp("directory_changed_at")).map(Timestamp::toInstant);
        Optional<Instant> vault = Optional.ofNullable(row.getTimestamp("vault_changed_at")).map(Timestamp::toInstant);
        return directory.isEmpty() && vault.isEmpty() ? Optional.empty() : Optional.of(new OutOfSync(directory, vault));
    }
}
