package io.rotabot.sandbox;

import java.io.InputStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;

/** The demo's in-process directory; the fakes of Autotask, IT Glue and Graph are controllers beside it. */
@Configuration
@Profile("demo")
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

    static final String[] DOMAINS = {"DC=acme,DC=test", "DC=globex,DC=test"};

    @Bean(destroyMethod = "close")
    SandboxDirectory sandboxDirectory(SandboxProperties properties) throws Exception {
        try (InputStream ldif = new ClassPathResource("sandbox/directory.ldif").getInputStream()) {
            return SandboxDirectory.start(properties.ldapsPort(), properties.workDir(), ldif, DOMAINS);
        }
    }
}
