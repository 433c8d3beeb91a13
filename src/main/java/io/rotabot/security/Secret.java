package io.rotabot.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password in memory. It never prints itself, so it cannot leak through a log line, an exception
 * message or a debugger's toString; callers take the characters only at the wire.
 */
public final class Secret implements AutoCloseable {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(CharSequence value) {
        char[] chars = new char[value.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = value.charAt(i);
        }
        return new Secret(chars);
    }

    static Secret ofUtf8(byte[] utf8) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] copy = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        return new Secret(copy);
    }

    /** The password as a string, for the one API call that needs it as JSON text. */
    public String reveal() {
        return new String(value);
    }

    /** The password in the form Active Directory's unicodePwd wants: quoted, UTF-16LE. */
    public byte[] asQuotedUtf16Le() {
        return ("\"" + new String(value) + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    byte[] asUtf8() {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        return Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
    }

    /** Constant-time comparison with a value a system returned. */
    public boolean matches(String returned) {
        return java.security.MessageDigest.isEqual(asUtf8(), returned.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
