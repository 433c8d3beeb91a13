package io.rotabot.classify;

/** The rule files do not compile; the message lists each error with its file and line. */
public class RuleBaseException extends RuntimeException {

    public RuleBaseException(String message) {
        super(message);
    }
}
