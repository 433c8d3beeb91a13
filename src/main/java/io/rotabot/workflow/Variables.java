package io.rotabot.workflow;

/**
 * The names of the process variables. They carry ids, statuses and reasons — never a password, and
 * never ticket text, which the engine would keep in plain text in its history.
 */
final class Variables {

    static final String TICKET_ID = "ticketId";
    static final String TICKET_FOUND = "ticketFound";
    /** The number people quote (T20261130.0042), for the review task's name. */
    static final String TICKET_NUMBER = "ticketNumber";
    static final String COMPANY_ID = "companyId";
    static final String INTENT = "intent";
    static final String FIRED_RULES = "firedRules";
    static final String SCENARIO = "scenario";
    static final String TARGETS = "targets";
    static final String PRIVILEGED = "privileged";
    static final String ORGANIZATION_KEY = "organizationKey";
    static final String ACCOUNT_ID = "accountId";
    static final String ACCOUNT_NAME = "accountName";
    static final String VAULT_RECORD_ID = "vaultRecordId";
    static final String ROTATION_ID = "rotationId";
    static final String ROTATION_STATUS = "rotationStatus";
    static final String ROTATION_REASON = "rotationReason";
    static final String VAULT_RECORD_URL = "vaultRecordUrl";
    static final String NOTE_ID = "noteId";
    static final String REQUEST_KEY = "requestKey";
    static final String TRIGGERED_BY = "triggeredBy";
    static final String BATCH_ID = "batchId";
    static final String ROTATION_FINISHED = "rotationFinished";
    static final String ELIGIBLE_AT = "eligibleAt";
    static final String UNLOCK_ACCOUNT = "unlockAccount";
    static final String MUST_CHANGE_PASSWORD = "mustChangePassword";
    static final String FOLLOWS_ROTATION_ID = "followsRotationId";
    static final String REVIEW_NEEDED = "reviewNeeded";
    static final String REVIEW_TIMEOUT = "reviewTimeout";
    /** What the review form shows: JSON of account names, privileges, match states and reasons (TicketReviews#summary). */
    static final String REVIEW_TARGETS = "reviewTargets";
    /** The technician's decision from the review form: JSON (TicketReviews#apply). */
    static final String REVIEW_DECISION = "reviewDecision";
    static final String ACCOUNTS_TO_RUN = "accountsToRun";
    static final String TARGET_POSITION = "targetPosition";
    /** Camunda's own counter of a multi-instance activity's instances, from 0. */
    static final String LOOP_COUNTER = "loopCounter";

    private Variables() {
    }
}
