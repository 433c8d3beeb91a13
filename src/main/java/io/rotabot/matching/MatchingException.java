package io.rotabot.matching;

/** A move matching refuses, with the account and the reason; nothing was changed. */
public class MatchingException extends RuntimeException {

    private final boolean conflict;

    private MatchingException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    /** The request names something that does not exist or is malformed. */
    static MatchingException invalid(String message) {
        return new MatchingException(message, false);
    }

    /** The request does not fit the current state. */
    static MatchingException conflict(String message) {
        return new MatchingException(message, true);
    }

    public boolean conflict() {
        return conflict;
    }
}
