package io.rotabot.matching;

import java.util.Locale;
import java.util.Optional;

/**
 * A user name as people write it — {@code DOMAIN\\user}, {@code user@domain} or plain {@code user} —
 * reduced to what matching compares: the user and, when given, the domain, both case-folded.
 *
 * @param user the user part, lower case
 * @param domain the domain part (a NetBIOS or a DNS name), lower case; empty when none was written
 */
record LogonName(String user, Optional<String> domain) {

    static Optional<LogonName> parse(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String name = written.strip().toLowerCase(Locale.ROOT);
        int backslash = name.indexOf('\\');
        int at = name.lastIndexOf('@');
        if (backslash > 0 && backslash < name.length() - 1 && at < 0) {
            return Optional.of(new LogonName(name.substring(backslash + 1), Optional.of(name.substring(0, backslash))));
        }
        if (at > 0 && at < name.length() - 1 && backslash < 0) {
            return Optional.of(new LogonName(name.substring(0, at), Optional.of(name.substring(at + 1))));
        }
        if (!name.isEmpty() && backslash < 0 && at < 0) {
            return Optional.of(new LogonName(name, Optional.empty()));
        }
        return Optional.empty();
    }

    static LogonName of(String user, String domain) {
        return new LogonName(user.toLowerCase(Locale.ROOT), Optional.of(domain.toLowerCase(Locale.ROOT)));
    }
}
