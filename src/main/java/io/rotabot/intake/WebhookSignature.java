package io.rotabot.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Autotask's {@code X-Hook-Signature: sha1=<Base64 HMAC-SHA1>}. Public clients disagree on which
 * bytes Autotask signs — the raw body, or the body with some characters in JSON strings escaped as
 * {@code \\uXXXX} — so both are accepted, each compared in constant time; nothing else is.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha1=";

    private final byte[] key;

    public WebhookSignature(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean verify(String header, byte[] body) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean raw = MessageDigest.isEqual(given, hmac(body));
        boolean escaped = MessageDigest.isEqual(given, hmac(escapeLikeAutotask(body)));
        return raw | escaped;
    }

    /** The signature Autotask would send for this body (the raw-bytes reading); used by the sandbox and tests. */
    public String sign(byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(hmac(body));
    }

    /**
     * The key in the deactivation URL Rotabot registers: derived from the secret, so only Autotask (which
     * got the URL from us) can raise the alert, and no second secret needs configuring.
     */
    String deactivationKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("rotabot-deactivation-url".getBytes(StandardCharsets.UTF_8)));
    }

    boolean verifyDeactivationKey(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                deactivationKey().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * Inside JSON strings: {@code & < > ' " ` +} and every non-ASCII character become upper-case
     * {@code \\uXXXX}; everything outside strings and every other escape stays as it was.
     */
    static byte[] escapeLikeAutotask(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(json.length() + 16);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                out.append(c);
                inString = c == '"';
            } else if (c == '\\' && i + 1 < json.length()) {
                char next = json.charAt(++i);
                if (next == '"') {
                    unicode(out, '"');
                } else {
                    out.append(c).append(next);
                }
            } else if (c == '"') {
                out.append(c);
                inString = false;
            } else if (c > 0x7E || "&<>'`+".indexOf(c) >= 0) {
                unicode(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void unicode(StringBuilder out, char c) {
        out.append(String.format("\\u%04X", (int) c));
    }
}
