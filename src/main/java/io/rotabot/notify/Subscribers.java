package io.rotabot.notify;

import io.rotabot.organization.Organizations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who opted in to rotation e-mails, for one organization or for all ("*"). */
@Service
public class Subscribers {

    public static final String ALL = "*";
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JdbcClient jdbc;
    private final Organizations organizations;

    Subscribers(JdbcClient jdbc, Organizations organizations) {
        this.jdbc = jdbc;
        this.organizations = organizations;
    }

    @Transactional
    public void subscribe(String email, String organizationKey) {
        if (email == null || email.length() > 320 || !ADDRESS.matcher(email).matches()) {
            throw new IllegalArgumentException("email: not an e-mail address");
        }
        if (!ALL.equals(organizationKey) && organizations.byKey(organizationKey).isEmpty()) {
            throw new IllegalArgumentException("organization: no organization " + organizationKey);
        }
        jdbc.sql("delete from notification_subscribers where email = ? and organization_key = ?").params(email, organizationKey).update();
        jdbc.sql("insert into notification_subscribers (email, organization_key, subscribed_at) values (?, ?, ?)")
                .params(email, organizationKey, Timestamp.from(Instant.now())).update();
    }

    /** False when there was no such subscription. */
    @Transactional
    public boolean unsubscribe(String email, String organizationKey) {
        return jdbc.sql("delete from notification_subscribers where email = ? and organization_key = ?")
                .params(email, organizationKey).update() == 1;
    }

    public List<Map<String, String>> all() {
        return jdbc.sql("select email, organization_key from notification_subscribers order by email, organization_key")
                .query((row, i) -> Map.of("email", row.getString(1), "organization", row.getString(2))).list();
    }

    /** Everyone who hears about this organization's rotations. */
    List<String> of(String organizationKey) {
        return jdbc.sql("select distinct email from notification_subscribers where organization_key in (?, ?) order by email")
                .params(organizationKey, ALL).query(String.class).list();
    }
}
