package io.rotabot.rotation;

/** What users see about a rotation, named exactly as they know them. */
public enum RotationStatus {
    IN_PROGRESS("In progress"),
    SUCCESSFUL("Successful"),
    FAILED("Failed"),
    API_ERROR("API Error"),
    NOT_PERMITTED("Not Permitted"),
    ADMIN_NOT_PERMITTED("Admin Not Permitted"),
    MULTI_TENANT_NOT_PERMITTED("Multi Tenant Not Permitted"),
    /** Accepted, and runs by itself once the directory's minimum password age allows a change. */
    WAITING_FOR_MINIMUM_AGE("Waiting for minimum password age");

    private final String label;

    RotationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A final status: the rotation will not go on by itself. */
    public boolean finished() {
        return this != IN_PROGRESS && this != API_ERROR && this != WAITING_FOR_MINIMUM_AGE;
    }

    /** API Error is an outage before the rotation reached the directory: the next retry carries it on. */
    boolean resumable() {
        return this == IN_PROGRESS || this == API_ERROR;
    }

    /** The status with this label, as process variables and notes carry it. */
    public static RotationStatus byLabel(String label) {
        for (RotationStatus status : values()) {
            if (status.label.equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("No rotation status is labelled " + label);
    }
}
