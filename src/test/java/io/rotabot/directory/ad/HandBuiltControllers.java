package io.rotabot.directory.ad;

import io.rotabot.security.ConfigurationSecrets;
import io.rotabot.security.MasterKey;
import io.rotabot.security.SecretCipher;
import io.rotabot.security.SecurityProperties;
import io.rotabot.testing.TestSecrets;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Domain controllers for adapter tests without Spring: the bind credentials live in a migrated in-memory H2 database. */
final class HandBuiltControllers {

    private HandBuiltControllers() {
    }

    static DomainControllers of(AdConnectionProperties properties) {
        return of(properties, TestSecrets.newMasterKey());
    }

    /** With this master key, for configured {cipher}… passwords. */
    static DomainControllers of(AdConnectionProperties properties, String masterKey) {
        return of(properties, masterKey, credentials(masterKey));
    }

    /** With these bind credentials: controllers made later on the same ones are the application after a restart. */
    static DomainControllers of(AdConnectionProperties properties, String masterKey, BindCredentials credentials) {
        return new DomainControllers(properties, new ConfigurationSecrets(cipher(masterKey)), credentials);
    }

    /** Bind credentials in a migrated in-memory H2 database of their own. */
    static BindCredentials credentials(String masterKey) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:bind-credentials-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).load().migrate();
        return new BindCredentials(JdbcClient.create(database), cipher(masterKey));
    }

    private static SecretCipher cipher(String masterKey) {
        return new SecretCipher(new MasterKey(new SecurityProperties(masterKey, null, false, "admin", "unused")));
    }
}
