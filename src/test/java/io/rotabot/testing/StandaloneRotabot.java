package io.rotabot.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rotabot.RotabotApplication;
import io.rotabot.sandbox.SandboxDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Rotabot of its own, for tests that stop and start it on the same file database: acme's directory is
 * the given sandbox, its vault the given IT Glue stub, Autotask unreachable.
 */
public final class StandaloneRotabot {

    private StandaloneRotabot() {
    }

    public static ConfigurableApplicationContext start(Path database, String masterKey, SandboxDirectory ldap,
                                                       WireMockServer itglue) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", "jdbc:h2:file:" + database + ";AUTO_SERVER=FALSE");
        properties.put("rotabot.security.master-key", masterKey);
        properties.put("rotabot.security.admin-password", "standalone-test");
        properties.put("rotabot.autotask.base-url", "http://localhost:9/ATServicesRest");
        properties.put("rotabot.autotask.api-integration-code", "unused");
        properties.put("rotabot.autotask.username", "unused");
        properties.put("rotabot.autotask.secret", "unused");
        properties.put("rotabot.autotask.webhook.secret", "unused");
        properties.put("rotabot.itglue.base-url", itglue.baseUrl());
        properties.put("rotabot.itglue.api-key", VendorStubs.ITGLUE_KEY);
        properties.put("rotabot.itglue.max-attempts", 1);
        properties.put("rotabot.organizations.acme.name", "ACME Ltd");
        properties.put("rotabot.organizations.acme.autotask-company-id", 1001);
        properties.put("rotabot.organizations.acme.itglue-organization-id", 3821001);
        properties.put("rotabot.directory.connections.acme.urls", "ldaps://localhost:" + ldap.port());
        properties.put("rotabot.directory.connections.acme.ca-certificate", ldap.caCertificate().toString());
        properties.put("rotabot.directory.connections.acme.bind-dn", "CN=Rotabot Service,CN=Users,DC=acme,DC=test");
        properties.put("rotabot.directory.connections.acme.bind-password", "Demo-Svc-Passw0rd-acme!");
        properties.put("rotabot.directory.connections.acme.base-dn", "DC=acme,DC=test");
        properties.put("rotabot.matching.sync-cron", "-");
        // as command-line arguments: they win over application.yaml, as an operator's would
        return new SpringApplicationBuilder(RotabotApplication.class).run(properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
