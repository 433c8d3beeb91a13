package io.rotabot.directory.ad;

import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bind passwords Rotabot itself set on connections' own accounts, encrypted. A new password is
 * staged before the directory sees it and promoted once the directory holds it; each write commits at
 * once, so whatever the caller's transaction does, the connection can always find a password that binds.
 */
@Repository
@Transactional(propagation = Propagation.REQUIRES_NEW)
class BindCredentials {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    BindCredentials(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    Optional<Secret> current(String organizationKey) {
        return column(organizationKey, "current_ciphertext");
    }

    Optional<Secret> pending(String organizationKey) {
        return column(organizationKey, "pending_ciphertext");
    }

    /** Keeps the password about to be set, before the directory is asked to take it. */
    void stage(String organizationKey, Secret password) {
        String ciphertext = cipher.encrypt(password, context(organizationKey));
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.sql("update bind_credentials set pending_ciphertext = ?, updated_at = ? where organization_key = ?")
                .params(ciphertext, now, organizationKey).update() == 0) {
            jdbc.sql("insert into bind_credentials (organization_key, pending_ciphertext, updated_at) values (?, ?, ?)")
                .params(organizationKey, ciphertext, now).update();
        }
    }

    /** The directory holds the staged password: from now on the connection binds with it. */
    void promote(String organizationKey) {
        jdbc.sql("""
                update bind_credentials set current_ciphertext = pending_ciphertext, pending_ciphertext = null, updated_at = ?
                where organization_key = ? and pending_ciphertext is not null""")
            .params(Timestamp.from(Instant.now()), organizationKey).update();
    }

    /**
     * A bind proved the directory holds this password: from now on the connection binds with it, and nothing
     * stays staged (whatever was staged is not what the directory holds).
     */
    void adopt(String organizationKey, Secret password) {
        String ciphertext = cipher.encrypt(password, context(organizationKey));
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.sql("update bind_credentials set current_ciphertext = ?, pending_ciphertext = null, updated_at = ? "
                + "where organization_key = ?").params(ciphertext, now, organizationKey).update() == 0) {
            jdbc.sql("insert into bind_credentials (organization_key, current_ciphertext, updated_at) values (?, ?, ?)")
                .params(organizationKey, ciphertext, now).update();
        }
    }

    /** The directory refused the staged password: forget it. */
    void discard(String organizationKey) {
        jdbc.sql("update bind_credentials set pending_ciphertext = null, updated_at = ? where organization_key = ?")
            .params(Timestamp.from(Instant.now()), organizationKey).update();
    }

    private Optional<Secret> column(String organizationKey, String column) {
        return jdbc.sql("select " + column + " from bind_credentials where organization_key = ?")
                .param(organizationKey).query(String.class).optional() // empty for no row and for a null column
                .map(ciphertext -> cipher.decrypt(ciphertext, context(organizationKey)));
    }

    private static String context(String organizationKey) {
        return "bind-credential:" + organizationKey;
    }
}
