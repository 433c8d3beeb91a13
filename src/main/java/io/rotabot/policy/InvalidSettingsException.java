package io.rotabot.policy;

/** Settings that cannot be saved; names the field. Nothing was saved. */
public class InvalidSettingsException extends RuntimeException {

    private final String field;

    public InvalidSettingsException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
