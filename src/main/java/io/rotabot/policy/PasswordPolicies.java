package io.rotabot.policy;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryPasswordPolicy;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.organization.Organizations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The global settings and the organization rules, and what is in force for one organization: its
 * rule if it has one, else the global settings; the global "Enable Password Rotation" switch always
 * applies; and where the directory's own password policy is stricter, the directory's wins.
 */
@Service
@EnableConfigurationProperties(PolicyProperties.class)
public class PasswordPolicies {

    private static final Logger log = LoggerFactory.getLogger(PasswordPolicies.class);
    private static final String GLOBAL = "*";

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Directory directory;

    PasswordPolicies(JdbcClient jdbc, Organizations organizations, Directory directory, PolicyProperties defaults) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.directory = directory;
        if (read(GLOBAL).isEmpty()) {
            write(GLOBAL, defaults.toSettings());
        }
    }

    public RotationSettings global() {
        return read(GLOBAL).orElseThrow();
    }

    @Transactional
    public void updateGlobal(RotationSettings settings) {
        write(GLOBAL, settings);
    }

    public Map<String, RotationSettings> rules() {
        return jdbc.sql("select * from rotation_settings where organization_key <> ? order by organization_key").param(GLOBAL)
                .query((row, i) -> Map.entry(row.getString("organization_key"), toSettings(row, i))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    public Optional<RotationSettings> rule(String organizationKey) {
        known(organizationKey);
        return read(organizationKey);
    }

    /** Creates or replaces the organization's rule; false when it was new. */
    @Transactional
    public boolean saveRule(String organizationKey, RotationSettings settings) {
        known(organizationKey);
        boolean existed = read(organizationKey).isPresent();
        write(organizationKey, settings);
        return existed;
    }

    /** Removes the rule: the global settings apply to the organization again. False when there was none. */
    @Transactional
    public boolean deleteRule(String organizationKey) {
        known(organizationKey);
        return jdbc.sql("delete from rotation_settings where organization_key = ?").param(organizationKey).update() == 1;
    }

    public EffectiveSettings effectiveFor(String organizationKey) {
        known(organizationKey);
        RotationSettings global = global();
        Optional<RotationSettings> rule = read(organizationKey);
        RotationSettings chosen = rule.orElse(global);
        RotationSettings settings = new RotationSettings(global.rotationEnabled() && chosen.rotationEnabled(),
                chosen.minimumLength(), chosen.uppercase(), chosen.lowercase(), chosen.digit(), chosen.symbol(),
                chosen.scheduledRotation(), chosen.frequencyDays(), chosen.respectMinimumAge());
        List<String> warnings = new ArrayList<>();
        PasswordPolicy policy = stricterWhereTheDirectoryDemands(organizationKey, settings.passwordPolicy(), warnings);
        warnings.forEach(w -> log.warn("Organization {}: {}", organizationKey, w));
        return new EffectiveSettings(organizationKey, rule.isPresent() ? "organization rule" : "global settings", settings,
                policy, List.copyOf(warnings));
    }

    private PasswordPolicy stricterWhereTheDirectoryDemands(String organizationKey, PasswordPolicy policy, List<String> warnings) {
        if (!directory.organizations().contains(organizationKey)) {
            return policy;
        }
        DirectoryPasswordPolicy demanded;
        try {
            demanded = directory.passwordPolicy(organizationKey);
        } catch (DirectoryUnavailableException e) {
            warnings.add("the directory's own password policy could not be read (" + e.getMessage() + ")");
            return policy;
        }
        return strictest(policy, demanded, warnings);
    }

    /** The settings' policy, raised to the directory's length and complexity where they demand more. */
    static PasswordPolicy strictest(PasswordPolicy policy, DirectoryPasswordPolicy demanded, List<String> warnings) {
        int length = policy.length();
        if (demanded.minimumLength() > length) {
            warnings.add("the minimum length " + length + " is shorter than the directory's " + demanded.minimumLength()
                    + "; passwords get " + demanded.minimumLength() + " characters");
            length = demanded.minimumLength();
        }
        boolean uppercase = policy.uppercase();
        boolean lowercase = policy.lowercase();
        boolean digit = policy.digit();
        int classes = (uppercase ? 1 : 0) + (lowercase ? 1 : 0) + (digit ? 1 : 0) + (policy.symbol() ? 1 : 0);
        if (demanded.complexity() && classes < 3) {
            warnings.add("the directory demands complex passwords (three kinds of characters) but the settings require "
                    + classes + "; upper case, lower case and digits are required too");
            uppercase = true;
            lowercase = true;
            digit = true;
        }
        return new PasswordPolicy(Math.min(length, PasswordPolicy.MAX_LENGTH), uppercase, lowercase, digit, policy.symbol());
    }

    private void known(String organizationKey) {
        if (organizations.byKey(organizationKey).isEmpty()) {
            throw new InvalidSettingsException("organization", "no organization " + organizationKey);
        }
    }

    private Optional<RotationSettings> read(String key) {
        return jdbc.sql("select * from rotation_settings where organization_key = ?").param(key)
                .query(PasswordPolicies::toSettings).optional();
    }

    private void write(String key, RotationSettings s) {
        Timestamp now = Timestamp.from(Instant.now());
        Object[] values = {s.rotationEnabled(), s.minimumLength(), s.uppercase(), s.lowercase(), s.digit(), s.symbol(),
            s.scheduledRotation(), s.frequencyDays(), s.respectMinimumAge(), now, key};
        int updated = jdbc.sql("update rotation_settings set rotation_enabled = ?, minimum_length = ?, uppercase = ?, lowercase = ?, "
                + "digit = ?, symbol = ?, scheduled_rotation = ?, frequency_days = ?, respect_minimum_age = ?, updated_at = ? "
                + "where organization_key = ?").params(values).update();
        if (updated == 0) {
            jdbc.sql("insert into rotation_settings (rotation_enabled, minimum_length, uppercase, lowercase, digit, symbol, "
                    + "scheduled_rotation, frequency_days, respect_minimum_age, updated_at, organization_key) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }

    private static RotationSettings toSettings(ResultSet row, int index) throws SQLException {
        return new RotationSettings(row.getBoolean("rotation_enabled"), row.getInt("minimum_length"), row.getBoolean("uppercase"),
                row.getBoolean("lowercase"), row.getBoolean("digit"), row.getBoolean("symbol"), row.getBoolean("scheduled_rotation"),
                row.getInt("frequency_days"), row.getBoolean("respect_minimum_age"));
    }
}
