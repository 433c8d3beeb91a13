package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * One health indicator per directory connection ({@code /actuator/health/directories/<organization>}):
 * up when a pooled service-account connection reads the root DSE. Shows servers, never credentials.
 */
@Component("directories")
class DirectoryHealth implements CompositeHealthContributor {

    private final Map<String, HealthContributor> indicators = new LinkedHashMap<>();

    DirectoryHealth(DomainControllers controllers) {
        for (String organization : controllers.organizations().stream().sorted().toList()) {
            indicators.put(organization, (HealthIndicator) () -> check(controllers, organization));
        }
    }

    private static Health check(DomainControllers controllers, String organization) {
        Health.Builder health = Health.unknown().withDetail("servers", controllers.settings(organization).urls().toString());
        try {
            String server = controllers.withService(organization, connection -> {
                connection.getRootDSE();
                return connection.getConnectedAddress() + ":" + connection.getConnectedPort();
            });
            return health.up().withDetail("connectedTo", server).build();
        } catch (LDAPException e) {
            return health.down().withDetail("error", DomainControllers.describe(e)).build();
        } catch (RuntimeException e) {
            return health.down().withDetail("error", e.getMessage()).build();
        }
    }

    @Override
    public HealthContributor getContributor(String name) {
        return indicators.get(name);
    }

    @Override
    public java.util.Iterator<org.springframework.boot.actuate.health.NamedContributor<HealthContributor>> iterator() {
        return indicators.entrySet().stream()
                .map(e -> org.springframework.boot.actuate.health.NamedContributor.of(e.getKey(), e.getValue()))
                .iterator();
    }
}
