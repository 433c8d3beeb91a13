package io.rotabot.directory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * One health indicator per organization ({@code /actuator/health/directories/<organization>}), up when
 * each of its directories answers the service account. Shows where it connected, never credentials.
 */
@Component("directories")
class DirectoryHealth implements CompositeHealthContributor {

    private final Map<String, HealthContributor> indicators = new LinkedHashMap<>();

    DirectoryHealth(List<DirectoryAdapter> adapters) {
        TreeSet<String> organizations = new TreeSet<>();
        adapters.forEach(a -> organizations.addAll(a.organizations()));
        for (String organization : organizations) {
            List<DirectoryAdapter> serving = adapters.stream().filter(a -> a.serves(organization)).toList();
            indicators.put(organization, (HealthIndicator) () -> check(serving, organization));
        }
    }

    private static Health check(List<DirectoryAdapter> serving, String organization) {
        Health.Builder health = Health.up();
        for (DirectoryAdapter adapter : serving) {
            try {
                health.withDetail(adapter.source().name(), adapter.probe(organization));
            } catch (RuntimeException e) {
                health.down().withDetail(adapter.source().name(), e.getMessage());
            }
        }
        return health.build();
    }

    @Override
    public HealthContributor getContributor(String name) {
        return indicators.get(name);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return indicators.entrySet().stream().map(e -> NamedContributor.of(e.getKey(), e.getValue())).iterator();
    }
}
