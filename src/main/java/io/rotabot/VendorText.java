package io.rotabot;

/**
 * Text a vendor wrote (a directory's diagnostic message, an HTTP error body, a ticket's field) made safe to
 * store, log and show: line breaks, tabs and other control characters become spaces, while NULs and invisible
 * formatting characters are dropped — Windows AD ends its diagnostic messages with a NUL, which PostgreSQL
 * refuses in a text column, and a right-to-left override would disguise a text — runs of white space become
 * one, and the result is at most {@code maxLength} characters (cut with an ellipsis).
 */
public final class VendorText {

    /** Enough for any vendor reason a person reads; longer ones are cut. */
    public static final int MAX_LENGTH = 1000;

    private VendorText() {
    }

    /** The text on one line, without control or formatting characters, at most {@link #MAX_LENGTH} characters; "" for null. */
    public static String clean(String text) {
        return clean(text, MAX_LENGTH);
    }

    /** As {@link #clean(String)}, at most maxLength characters. */
    public static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        String plain = text.replaceAll("[\\x{0}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]", "").replaceAll("[\\p{Cc}\\s]+", " ").strip();
        return plain.length() <= maxLength ? plain : plain.substring(0, Math.max(0, maxLength - 1)).strip() + "…";
    }
}
