package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.rotabot.VendorText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a modify (a reset, an unlock) did not succeed, read from the LDAP result code and the Windows error code
 * that starts AD's diagnostic text ({@code 0000052D: AtrErr: DSID-03190F80, …}; Samba writes the same codes).
 * An LDAP modify is applied whole or not at all, so any answer the server sent means nothing changed; only a
 * missing answer (a time-out, a broken connection: UnboundID's client-side result codes) leaves it open
 * whether the domain controller applied it.
 *
 * @param result the LDAP result code
 * @param adCode the Windows error code in upper case ({@code 0000052D}); empty when the text starts with none
 * @param diagnostic the server's text, or the SDK's when no answer came, cleaned: AD ends it with a NUL
 */
record ModifyRefusal(ResultCode result, String adCode, String diagnostic) {

    /** ERROR_PASSWORD_RESTRICTION: the password does not meet the domain's length, complexity or history rules. */
    private static final String PASSWORD_RESTRICTION = "0000052D";
    /** Enough of the server's text to act on; the sentence around it stays whole. */
    private static final int DIAGNOSTIC_LENGTH = 300;
    private static final Pattern AD_CODE = Pattern.compile("^\\s*([0-9A-Fa-f]{8}):");

    static ModifyRefusal of(LDAPException refused) {
        String text = refused.getDiagnosticMessage();
        if (text == null || text.isBlank()) {
            text = refused.getResultCode().isClientSideResultCode() ? refused.getMessage() : "";
        }
        Matcher code = AD_CODE.matcher(text == null ? "" : text);
        return new ModifyRefusal(refused.getResultCode(), code.find() ? code.group(1).toUpperCase(Locale.ROOT) : "",
                VendorText.clean(text, DIAGNOSTIC_LENGTH));
    }

    /**
     * No verdict on the change: no answer came (the domain controller may even have applied it), or the server
     * said it is busy or unavailable (RFC 4511: results 51 and 52). The caller may try again.
     */
    boolean outage() {
        return result.isClientSideResultCode() || result == ResultCode.BUSY || result == ResultCode.UNAVAILABLE;
    }

    /** No answer came, so the domain controller may have applied the change before the wait ended or the connection broke. */
    boolean mayHaveApplied() {
        return result.isClientSideResultCode();
    }

    /** The domain's password policy refused the password: 0000052D, which AD sends with result 19 and also with 53. */
    boolean passwordRestriction() {
        return adCode.equals(PASSWORD_RESTRICTION);
    }

    /** The reason the policy gave, where the text names one (Samba: "the password is too short…"); Windows names none. */
    String policyReason() {
        int marker = diagnostic.indexOf("check_password_restrictions:");
        return marker < 0 ? "" : diagnostic.substring(marker + "check_password_restrictions:".length()).strip();
    }

    /** AD's codes for support, after the words: "[LDAP 53, 0000001F]". */
    String codes() {
        return "[LDAP " + result.intValue() + (adCode.isEmpty() ? "" : ", " + adCode) + "]";
    }

    /** For an answer this type has no words for: the result's name and the server's own text, with the codes. */
    String unexplained() {
        return result.getName() + (diagnostic.isEmpty() ? "" : ": " + diagnostic) + " " + codes();
    }
}
