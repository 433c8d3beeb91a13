package io.rotabot.console;

import io.rotabot.matching.Approval;
import io.rotabot.matching.Match;
import io.rotabot.matching.MatchPage;
import io.rotabot.matching.MatchState;
import io.rotabot.matching.Matches;
import io.rotabot.matching.OutOfSync;
import io.rotabot.matching.SyncResult;
import io.rotabot.vault.VaultRecord;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Matching for administrators: list an organization's accounts with their suggested records (single
 * suggestions first), sync, and approve, ignore, remove or match back — one account or many at once;
 * and, across organizations, the pairs that are Out of sync.
 */
@RestController
@RequestMapping("/api")
class MatchesController {

    private static final String MATCHES = "/organizations/{organization}/matches";

    private final Matches matches;

    MatchesController(Matches matches) {
        this.matches = matches;
    }

    /** One organization's matches; {@code outOfSync=true} for the pairs whose password changed outside Rotabot. */
    @GetMapping(MATCHES)
    MatchPageView list(@PathVariable String organization, @RequestParam Optional<MatchState> state,
                       @RequestParam(defaultValue = "false") boolean outOfSync,
                       @RequestParam(defaultValue = "true") boolean suggestedFirst,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return view(matches.list(new Matches.MatchFilter(Optional.of(organization), state, outOfSync), suggestedFirst, page, size));
    }

    /** Every organization's matches, by organization; {@code outOfSync=true} for the pairs to reconcile. */
    @GetMapping("/matches")
    MatchPageView listAll(@RequestParam Optional<MatchState> state,
                          @RequestParam(defaultValue = "false") boolean outOfSync,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return view(matches.list(new Matches.MatchFilter(Optional.empty(), state, outOfSync), false, page, size));
    }

    private MatchPageView view(MatchPage found) {
        Map<String, Set<String>> recordIds = new HashMap<>();
        found.items().forEach(m -> {
            Set<String> ids = recordIds.computeIfAbsent(m.organizationKey(), o -> new HashSet<>());
            ids.addAll(m.suggestedRecordIds());
            m.vaultRecordId().ifPresent(ids::add);
        });
        Map<String, Map<String, VaultRecord>> records = new HashMap<>();
        recordIds.forEach((organization, ids) -> records.put(organization, matches.records(organization, ids)));
        return new MatchPageView(found.items().stream().map(m -> MatchView.of(m, records.get(m.organizationKey()))).toList(),
                found.total(), found.page(), found.size());
    }

    /** Records to pick from when an account has no or several suggestions. */
    @GetMapping(MATCHES + "/records")
    List<RecordView> records(@PathVariable String organization, @RequestParam @NotBlank @Size(max = 200) String search,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return matches.searchRecords(organization, search, limit).stream()
                .map(r -> RecordView.of(r.id(), Map.of(r.id(), r))).toList();
    }

    @PostMapping(MATCHES + "/sync")
    SyncResult sync(@PathVariable String organization) {
        return matches.sync(organization);
    }

    @PostMapping(MATCHES + "/approve")
    ResponseEntity<Void> approve(@PathVariable String organization, @Valid @RequestBody Approvals request) {
        matches.approve(organization, request.approvals().stream()
                .map(a -> new Approval(a.accountId(), Optional.ofNullable(a.vaultRecordId()))).toList());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(MATCHES + "/ignore")
    ResponseEntity<Void> ignore(@PathVariable String organization, @Valid @RequestBody Accounts request) {
        matches.ignore(organization, request.accountIds());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(MATCHES + "/remove")
    ResponseEntity<Void> remove(@PathVariable String organization, @Valid @RequestBody Removal request) {
        matches.remove(organization, request.accountIds(), request.ignore());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(MATCHES + "/unignore")
    ResponseEntity<Void> unignore(@PathVariable String organization, @Valid @RequestBody Accounts request) {
        matches.unignore(organization, request.accountIds());
        return ResponseEntity.noContent().build();
    }

    /** Leaves accounts out of scheduled rotation ({@code "optOut": true}) or takes them back in. */
    @PostMapping(MATCHES + "/schedule")
    ResponseEntity<Void> schedule(@PathVariable String organization, @Valid @RequestBody ScheduleChoice request) {
        matches.optOutOfSchedule(organization, request.accountIds(), request.optOut());
        return ResponseEntity.noContent().build();
    }

    record ScheduleChoice(@NotEmpty @Size(max = 1000) List<@NotBlank String> accountIds, boolean optOut) {
    }

    record Approvals(@NotEmpty @Size(max = 1000) List<@Valid ApprovalItem> approvals) {
    }

    record ApprovalItem(@NotBlank String accountId, String vaultRecordId) {
    }

    record Accounts(@NotEmpty @Size(max = 1000) List<@NotBlank String> accountIds) {
    }

    record Removal(@NotEmpty @Size(max = 1000) List<@NotBlank String> accountIds, boolean ignore) {
    }

    record MatchPageView(List<MatchView> items, long total, int page, int size) {
    }

    record RecordView(String id, String name, String username, String url, String category, boolean restricted,
                      boolean archived, String resourceUrl) {

        static RecordView of(String id, Map<String, VaultRecord> records) {
            VaultRecord record = records.get(id);
            return record == null ? new RecordView(id, "", "", "", "", false, false, "")
                    : new RecordView(id, record.name(), record.username(), record.url(), record.category(), record.restricted(),
                            record.archived(), record.resourceUrl());
        }
    }

    /**
     * One account: its state as users know it, and "single", "several" or "none" for its suggestions; a
     * Matched pair whose password changed outside Rotabot also says it is Out of sync, and how.
     */
    record MatchView(String organization, String accountId, String logonName, String domain, String displayName, String source,
                     boolean enabled, String privilege, boolean inDirectory, String state, RecordView vaultRecord,
                     List<RecordView> suggestions, String suggestion, String problem, Instant decidedAt, OutOfSyncView outOfSync) {

        static MatchView of(Match m, Map<String, VaultRecord> records) {
            String suggestion = m.suggestedRecordIds().isEmpty() ? "none" : m.singleSuggestion() ? "single" : "several";
            String state = switch (m.state()) {
                case UNMATCHED -> "Unmatched";
                case MATCHED -> "Matched";
                case IGNORED -> "Ignored";
            };
            return new MatchView(m.organizationKey(), m.accountId(), m.logonName(), m.domain(), m.displayName(), m.source().name(),
                    m.enabled(), m.privilege().name(), m.inDirectory(), state,
                    m.vaultRecordId().map(id -> RecordView.of(id, records)).orElse(null),
                    m.suggestedRecordIds().stream().map(id -> RecordView.of(id, records)).toList(), suggestion,
                    m.problem().orElse(null), m.decidedAt().orElse(null), m.outOfSync().map(OutOfSyncView::of).orElse(null));
        }
    }

    /**
     * "Out of sync", with when the password changed outside Rotabot on each side that changed, and what to do.
     *
     * @param status {@code Out of sync}
     * @param directoryChangedAt when it changed in the directory, if it did
     * @param vaultChangedAt when it changed in the vault, if it did
     * @param reason the same in words: "password changed in the directory on … outside Rotabot; rotate to reconcile"
     */
    record OutOfSyncView(String status, Instant directoryChangedAt, Instant vaultChangedAt, String reason) {

        static OutOfSyncView of(OutOfSync drift) {
            return new OutOfSyncView(OutOfSync.LABEL, drift.directoryChangedAt().orElse(null), drift.vaultChangedAt().orElse(null),
                    drift.reason());
        }
    }
}
