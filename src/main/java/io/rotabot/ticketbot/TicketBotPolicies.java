package io.rotabot.ticketbot;

import io.rotabot.policy.InvalidSettingsException;
import io.rotabot.organization.Organizations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket bot's global settings and the organizations' own, kept in the database; an organization
 * without its own uses the global ones. A new installation starts from {@code rotabot.ticket-bot.*}.
 */
@Service
@EnableConfigurationProperties(TicketBotPolicies.Defaults.class)
public class TicketBotPolicies {

    private static final String GLOBAL = "*";

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Duration reviewTimeout;

    TicketBotPolicies(JdbcClient jdbc, Organizations organizations, Defaults defaults) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.reviewTimeout = defaults.reviewTimeout();
        if (read(GLOBAL).isEmpty()) {
            write(GLOBAL, defaults.toSettings());
        }
    }

    public TicketBotSettings global() {
        return read(GLOBAL).orElseThrow();
    }

    @Transactional
    public void updateGlobal(TicketBotSettings settings) {
        write(GLOBAL, settings);
    }

    /** The organizations' own settings, by organization key. */
    public Map<String, TicketBotSettings> organizations() {
        Map<String, TicketBotSettings> all = new TreeMap<>();
        jdbc.sql("select * from ticket_bot_settings where organization_key <> ?").param(GLOBAL)
            .query((row, i) -> Map.entry(row.getString("organization_key"), toSettings(row, i))).list()
            .forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    public Optional<TicketBotSettings> of(String organizationKey) {
        known(organizationKey);
        return read(organizationKey);
    }

    /** Creates or replaces the organization's own settings; false when they were new. */
    @Transactional
    public boolean save(String organizationKey, TicketBotSettings settings) {
        known(organizationKey);
        boolean existed = read(organizationKey).isPresent();
        write(organizationKey, settings);
        return existed;
    }

    /** Removes the organization's own settings: the global ones apply again. False when there were none. */
    @Transactional
    public boolean delete(String organizationKey) {
        known(organizationKey);
        return jdbc.sql("delete from ticket_bot_settings where organization_key = ?").param(organizationKey).update() == 1;
    }

    /** What applies to the organization's tickets now: its own settings, else the global ones. */
    public TicketBotSettings effectiveFor(String organizationKey) {
        return read(organizationKey).orElseGet(this::global);
    }

    /** How long a review waits for a technician before the ticket is told that nobody decided. */
    public Duration reviewTimeout() {
        return reviewTimeout;
    }

    private void known(String organizationKey) {
        if (organizations.byKey(organizationKey).isEmpty()) {
            throw new InvalidSettingsException("organization", "'" + organizationKey + "' is not an organization in Rotabot");
        }
    }

    private Optional<TicketBotSettings> read(String organizationKey) {
        return jdbc.sql("select * from ticket_bot_settings where organization_key = ?").param(organizationKey)
            .query(TicketBotPolicies::toSettings).optional();
    }

    private void write(String organizationKey, TicketBotSettings settings) {
        jdbc.sql("delete from ticket_bot_settings where organization_key = ?").param(organizationKey).update();
        jdbc.sql("""
                insert into ticket_bot_settings (organization_key, ticket_resets, unlock_on_reset, must_change_at_next_logon,
                                                 resets_per_hour, authorised_contacts, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
            .params(organizationKey, settings.ticketResets(), settings.unlockOnReset(), settings.mustChangeAtNextLogon(),
                    settings.resetsPerHour(), String.join(",", settings.authorisedContacts()), Timestamp.from(Instant.now()))
            .update();
    }

    private static TicketBotSettings toSettings(ResultSet row, int index) throws SQLException {
        String contacts = row.getString("authorised_contacts");
        return new TicketBotSettings(row.getBoolean("ticket_resets"), row.getBoolean("unlock_on_reset"),
                row.getBoolean("must_change_at_next_logon"), row.getInt("resets_per_hour"),
                contacts.isEmpty() ? List.of() : Arrays.asList(contacts.split(",")));
    }

    /**
     * {@code rotabot.ticket-bot.*}: the global settings a new installation starts with (afterwards they are
     * changed through the API), and the review timeout, which is configuration only.
     *
     * @param reviewTimeout how long a review waits for a technician (default 8 hours)
     */
    @ConfigurationProperties("rotabot.ticket-bot")
    record Defaults(@DefaultValue("true") boolean ticketResets, @DefaultValue("true") boolean unlockOnReset,
                    @DefaultValue("false") boolean mustChangeAtNextLogon, @DefaultValue("10") int resetsPerHour,
                    @DefaultValue List<String> authorisedContacts, @DefaultValue("8h") Duration reviewTimeout) {

        TicketBotSettings toSettings() {
            return new TicketBotSettings(ticketResets, unlockOnReset, mustChangeAtNextLogon, resetsPerHour, authorisedContacts);
        }
    }
}
