package io.rotabot.classify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whose password a ticket names, other than the requester's.
 *
 * @param kind {@code email} (an address or UPN), {@code logon-name} ({@code DOMAIN\\user} or "username: x"),
 *             or {@code person} ("for Jane Doe")
 * @param value as written in the ticket
 */
public record Target(String kind, String value) {

    private static final Pattern PRIVILEGED_NAME = Pattern.compile(
            "(^|[\\\\._-])(admin|adm|administrator|administrateur|beheerder|svc|service|root|sa|backup|scan|scanner|scans|copier"
            + "|printer|noreply|no-reply|sync|ldap|sql|smtp|relay|mfp)([._@-]|\\d|$)");

    /**
     * Whether the name itself looks like an administrator's or a service's (admin.jane, svc-backup, adm_jd), or a
     * device's or job's account (scanner@…, backup@…, noreply@…).
     */
    public boolean looksPrivileged() {
        return PRIVILEGED_NAME.matcher(value.toLowerCase(Locale.ROOT)).find();
    }
}
