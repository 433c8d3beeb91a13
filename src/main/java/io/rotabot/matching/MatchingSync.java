package io.rotabot.matching;

import io.rotabot.directory.Directory;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings organizations and matches up to date: the vault's organizations first, then the accounts and
 * records of every organization with a directory connection. On a schedule
 * ({@code rotabot.matching.sync-cron}, hourly by default; "-" turns it off) and on demand.
 */
@Component
public class MatchingSync {

    private static final Logger log = LoggerFactory.getLogger(MatchingSync.class);

    private final Organizations organizations;
    private final Directory directory;
    private final Matches matches;

    MatchingSync(Organizations organizations, Directory directory, Matches matches) {
        this.organizations = organizations;
        this.directory = directory;
        this.matches = matches;
    }

    /**
     * @param newOrganizations organizations the vault had that Rotabot did not know
     * @param synced one result per organization with a directory connection that synced
     * @param failures what kept the others from syncing, one line each
     */
    public record Report(int newOrganizations, List<SyncResult> synced, List<String> failures) {
    }

    @Scheduled(cron = "${rotabot.matching.sync-cron:0 0 * * * *}")
    void scheduled() {
        Report report = syncAll();
        log.info("Scheduled sync: {} new organization(s), {} synced, {} failed", report.newOrganizations(),
                report.synced().size(), report.failures().size());
    }

    public Report syncAll() {
        List<String> failures = new ArrayList<>();
        int added = 0;
        try {
            added = organizations.sync();
        } catch (RuntimeException e) {
            failures.add("organizations: " + e.getMessage());
        }
        List<SyncResult> synced = new ArrayList<>();
        for (Organization organization : organizations.all()) {
            if (!directory.organizations().contains(organization.key())) {
                continue;
            }
            try {
                synced.add(matches.sync(organization.key()));
            } catch (RuntimeException e) {
                log.warn("Sync of {} failed: {}", organization.key(), e.getMessage());
                failures.add(organization.key() + ": " + e.getMessage());
            }
        }
        return new Report(added, synced, failures);
    }
}
