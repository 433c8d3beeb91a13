package io.rotabot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The application.yaml Rotabot ships, bound as Spring Boot binds it, its environment placeholders at their defaults. */
public final class ApplicationYaml {

    private ApplicationYaml() {
    }

    /** A binder over application.yaml alone (no profile, no test properties). */
    public static Binder binder() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment);
    }

    /** How long a job executor holds a job before another node may take it: camunda.bpm.job-execution.lock-time-in-millis. */
    public static Duration jobLock() {
        return Duration.ofMillis(binder().bind("camunda.bpm.job-execution.lock-time-in-millis", Long.class).get());
    }
}
