package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.LDAPException;
import io.rotabot.VendorText;
import io.rotabot.directory.PasswordCheck;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why AD refused a simple bind with result 49 (invalid credentials): the {@code data <hex>} code in the
 * diagnostic text, such as {@code 80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error,
 * data 775, v4563}. Measured on Samba 4.17 (see SambaActiveDirectoryTest) with the right and a wrong
 * password in each state: 530, 531, 532, 533, 701 and 773 come only with the right password (a wrong one
 * gets 52e), as Microsoft's own notes on these codes say, so they prove the password; 775 comes with any
 * password once the account is locked out, and hides every other code.
 *
 * @param code the data code in lower case (52e, 775, …); empty when the text carries none (not AD, or no reason given)
 * @param diagnostic the server's text, for a code this type does not know, cleaned: Windows ends it with a NUL
 */
record BindRefusal(String code, String diagnostic) {

    private static final Pattern DATA = Pattern.compile("data ([0-9a-fA-F]{3,4})");
    /** Each code's meaning, as a sentence about the account named by %s. */
    private static final Map<String, String> REASONS = Map.of(
            "525", "%s does not exist",
            "52e", "the password is wrong for %s",
            "530", "%s may not log on at this time",
            "531", "%s may not log on from this computer",
            "532", "the password of %s has expired",
            "533", "%s is disabled",
            "701", "%s has expired",
            "773", "%s must change its password at the next logon",
            "775", "%s is locked out");
    private static final Set<String> RIGHT_PASSWORD_ONLY = Set.of("530", "531", "532", "533", "701", "773");
    /** The only code AD gives for a wrong password. */
    private static final String WRONG_PASSWORD = "52e";
    /** Enough of the server's text to act on; the sentence around it stays whole. */
    private static final int DIAGNOSTIC_LENGTH = 300;

    static BindRefusal of(LDAPException refused) {
        String diagnostic = VendorText.clean(refused.getDiagnosticMessage(), DIAGNOSTIC_LENGTH);
        Matcher data = DATA.matcher(diagnostic);
        return new BindRefusal(data.find() ? data.group(1).toLowerCase(Locale.ROOT) : "", diagnostic);
    }

    /** The directory checked the password and found it right; it refused the sign-in for another reason. */
    boolean provesPassword() {
        return RIGHT_PASSWORD_ONLY.contains(code);
    }

    /** What the refusal proves about the password: right (530…773), wrong (52e), or nothing (775, no code). */
    PasswordCheck check() {
        return provesPassword() ? PasswordCheck.HOLDS : code.equals(WRONG_PASSWORD) ? PasswordCheck.DOES_NOT_HOLD : PasswordCheck.UNKNOWN;
    }

    boolean lockedOut() {
        return code.equals("775");
    }

    boolean mustChangePassword() {
        return code.equals("773");
    }

    /** The refusal as a sentence about the account, with AD's code: "the bind account is locked out (AD data 775)". */
    String reason(String account) {
        String reason = REASONS.get(code);
        if (reason != null) {
            return reason.formatted(account) + " (AD data " + code + ")";
        }
        return code.isEmpty()
                ? "the directory refused the bind as " + account + (diagnostic.isEmpty() ? "" : " (" + diagnostic + ")")
                : "the directory refused the bind as " + account + " with AD data " + code;
    }
}
