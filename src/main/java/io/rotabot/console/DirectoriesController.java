package io.rotabot.console;

import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.organization.Organizations;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators' view of an organization's directory: its accounts and the step-by-step check of its connection. */
@RestController
class DirectoriesController {

    private final Directory directory;
    private final Organizations organizations;

    DirectoriesController(Directory directory, Organizations organizations) {
        this.directory = directory;
        this.organizations = organizations;
    }

    @GetMapping("/api/directories/{organization}/diagnosis")
    List<Diagnosis> diagnosis(@PathVariable String organization) {
        return directory.diagnose(known(organization));
    }

    @GetMapping("/api/directories/{organization}/accounts")
    List<DirectoryAccount> accounts(@PathVariable String organization) {
        return directory.accounts(known(organization));
    }

    private String known(String organization) {
        return organizations.byKey(organization)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No organization " + organization))
                .key();
    }
}
