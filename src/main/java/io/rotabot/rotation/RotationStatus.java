package io.rotabot.rotation;

/** What users see about a rotation, named exactly as they know them. */
public enum RotationStatus {
    IN_PROGRESS("In progress"),
    SUCCESSFUL("Successful"),
    FAILED("Failed"),
    /** An outage before the directory took the password; the rotation tries again by itself. */
    API_ERROR("API Error"),
    NOT_PERMITTED("Not Permitted"),
    ADMIN_NOT_PERMITTED("Admin Not Permitted"),
    MULTI_TENANT_NOT_PERMITTED("Multi Tenant Not Permitted"),
    /** Accepted, and runs by itself once the directory's minimum password age allows a change. */
    WAITING_FOR_MINIMUM_AGE("Waiting for minimum password age"),
    /**
     * The directory holds the new password and the vault does not yet: the rotation keeps trying, with a
     * growing pause, until the vault has it, and an administrator may retry at once or recover the password
     * into another record of the organization.
     */
    VAULT_UPDATE_PENDING("Vault update pending"),
    /**
     * The directory refused the password on a retry after an earlier attempt whose answer was lost, so it
     * may or may not hold it: the password is kept for an administrator, who retries or recovers it into a
     * new record; the next successful rotation of the account makes it obsolete.
     */
    RECOVERY_NEEDED("Recovery needed");

    private final String label;

    RotationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A final status: the rotation will not go on by itself. */
    public boolean finished() {
        return this != IN_PROGRESS && this != API_ERROR && this != WAITING_FOR_MINIMUM_AGE && this != VAULT_UPDATE_PENDING;
    }

    /** A rotation in this status goes on with the password its journal holds when it is resumed. */
    boolean resumable() {
        return this == IN_PROGRESS || this == API_ERROR || this == VAULT_UPDATE_PENDING;
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
