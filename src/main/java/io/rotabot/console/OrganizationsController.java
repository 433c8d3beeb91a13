package io.rotabot.console;

import io.rotabot.matching.MatchingSync;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The MSP's organizations, and the sync that brings organizations and matches up to date. */
@RestController
class OrganizationsController {

    private final Organizations organizations;
    private final MatchingSync sync;

    OrganizationsController(Organizations organizations, MatchingSync sync) {
        this.organizations = organizations;
        this.sync = sync;
    }

    @GetMapping("/api/organizations")
    List<Organization> organizations() {
        return organizations.all();
    }

    @PostMapping("/api/organizations/sync")
    MatchingSync.Report syncAll() {
        return sync.syncAll();
    }
}
