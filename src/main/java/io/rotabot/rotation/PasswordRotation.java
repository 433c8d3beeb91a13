package io.rotabot.rotation;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.matching.Matches;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.policy.EffectiveSettings;
import io.rotabot.policy.PasswordGenerator;
import io.rotabot.policy.PasswordPolicy;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import io.rotabot.vault.Vault;
import io.rotabot.vault.VaultRecord;
import io.rotabot.vault.VaultUnavailableException;
import io.rotabot.vault.VaultUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Rotates one matched credential along the journal: generate → encrypt into the journal → set in the
 * directory and verify → store in the vault → done. Any worker that finds an unfinished row resumes it
 * from its state with the same password, so a crash or a retry never loses or replaces a password a
 * system already holds. Nothing that may have changed a directory ends before the vault has the password:
 * an outage or a vault that does not take it makes the rotation wait for its next try
 * ({@link Rotation#nextAttemptAt()}, {@code API Error} or {@code Vault update pending}); a refusal that cannot
 * prove the directory lacks the password keeps it for recovery ({@code Recovery needed}).
 */
@Service
@EnableConfigurationProperties(RotationProperties.class)
public class PasswordRotation {

    private static final Logger log = LoggerFactory.getLogger(PasswordRotation.class);
    private static final String ACCOUNT_GONE = "the account no longer exists in the directory";

    private final Rotations rotations;
    private final Organizations organizations;
    private final Directory directory;
    private final Vault vault;
    private final PasswordPolicies policies;
    private final PasswordGenerator generator;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final Matches matches;
    private final RotationProperties properties;

    PasswordRotation(Rotations rotations, Organizations organizations, Directory directory, Vault vault,
                     PasswordPolicies policies, PasswordGenerator generator, SecretCipher cipher,
                     ApplicationEventPublisher events, Matches matches, RotationProperties properties) {
        this.matches = matches;
        this.properties = properties;
        this.rotations = rotations;
        this.organizations = organizations;
        this.directory = directory;
        this.vault = vault;
        this.policies = policies;
        this.generator = generator;
        this.cipher = cipher;
        this.events = events;
    }

    /** Rotates now, as far as the minimum password age allows; asking again with the same key resumes. */
    public Rotation rotate(RotationRequest request) {
        Rotation prepared = prepare(request);
        return prepared.status().finished() ? prepared : run(prepared.id());
    }

    /**
     * Checks the request — the switch, the approved match, the record, the account, a rotation already
     * running — and accepts it, before any password exists: ready now, or waiting for the directory's
     * minimum password age. Refusals end here with their status. Asking again with the same key
     * returns the same rotation.
     */
    public Rotation prepare(RotationRequest request) {
        Optional<Rotation> known = rotations.findByRequestKey(request.requestKey());
        if (known.isPresent()) {
            return known.get();
        }
        Organization organization = organizations.byKey(request.organizationKey()).orElseThrow(
                () -> new IllegalArgumentException("Unknown organization " + request.organizationKey()));
        Optional<DirectoryAccount> account = directory.account(organization.key(), request.accountId());
        if (account.isEmpty()) {
            return finishedBeforeStart(request, "", RotationStatus.FAILED, ACCOUNT_GONE);
        }
        String name = account.get().logonName();
        // rotated alone, once matched, the directory adapter moves the connection to the new password in the same step
        if (directory.isServiceAccount(account.get()) && request.batchId().isPresent()) {
            return finishedBeforeStart(request, name, RotationStatus.ADMIN_NOT_PERMITTED,
                    "the connection's own bind account is never rotated in bulk or by schedule");
        }
        EffectiveSettings settings = policies.effectiveFor(organization.key());
        Optional<Refusal> refusal = refusal(organization, account.get(), request.vaultRecordId(), settings,
                request.resetOptions(), request.ticketId().isPresent());
        if (refusal.isPresent()) {
            return finishedBeforeStart(request, name, refusal.get().status(), refusal.get().reason());
        }
        Optional<Rotation> running = rotations.activeFor(organization.key(), request.accountId());
        if (running.isPresent()) {
            return busy(request, name, running.get());
        }
        Optional<MinimumPasswordAge> tooYoung = tooYoung(settings, account.get());
        try {
            return tooYoung.isPresent()
                    ? rotations.accept(request, name, UUID.randomUUID().toString(), RotationStatus.WAITING_FOR_MINIMUM_AGE,
                            waitingReason(tooYoung.get()), tooYoung.get().earliestChange())
                    : rotations.accept(request, name, UUID.randomUUID().toString(), RotationStatus.IN_PROGRESS,
                            "accepted", Instant.now());
        } catch (DuplicateKeyException raced) {
            return busy(request, name, rotations.activeFor(organization.key(), request.accountId()).orElseThrow(() -> raced));
        }
    }

    /** Why a rotation may not go on, with the status it ends in. */
    private record Refusal(RotationStatus status, String reason) {
    }

    /**
     * Why this account may not be rotated into this record now: rotation switched off, the record no longer
     * the account's approved match, gone, of another organization, restricted or archived, or an account
     * that cannot sign in. Checked when a rotation is accepted and again right before a waiting one generates
     * its password, since the match, the record and the account may all have changed meanwhile.
     */
    private Optional<Refusal> refusal(Organization organization, DirectoryAccount account, String vaultRecordId,
                                      EffectiveSettings settings, ResetOptions options, boolean fromTicket) {
        Optional<String> off = switchedOff(settings);
        if (off.isPresent()) {
            return Optional.of(new Refusal(RotationStatus.NOT_PERMITTED, off.get()));
        }
        if (!matches.approvedRecord(organization.key(), account.id()).filter(vaultRecordId::equals).isPresent()) {
            return Optional.of(new Refusal(RotationStatus.NOT_PERMITTED, "the account is not matched to vault record "
                    + vaultRecordId + "; only an approved match may be rotated"));
        }
        Optional<VaultRecord> record = vault.record(vaultRecordId);
        if (record.isEmpty()) {
            return Optional.of(new Refusal(RotationStatus.FAILED, "the vault record " + vaultRecordId + " no longer exists"));
        }
        if (record.get().organizationId() != organization.itglueOrganizationId()) {
            return Optional.of(new Refusal(RotationStatus.NOT_PERMITTED,
                    "the vault record belongs to another organization than the account"));
        }
        if (record.get().restricted() || record.get().archived()) {
            return Optional.of(new Refusal(RotationStatus.NOT_PERMITTED,
                    "the vault record is " + (record.get().restricted() ? "restricted" : "archived")));
        }
        return blockedSignIn(account, options, fromTicket).map(reason -> new Refusal(RotationStatus.NOT_PERMITTED, reason));
    }

    /**
     * A rotation that follows another one of the same account takes its outcome once that one has ended
     * (a ticket then reports the outcome and link of the rotation that did the work); any other rotation
     * is returned as it is.
     */
    public Rotation followUp(String rotationId) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        Optional<Rotation> followed = rotation.follows().flatMap(rotations::find);
        if (rotation.status().finished() || followed.isEmpty() || !followed.get().status().finished()) {
            return rotation;
        }
        rotations.followed(rotationId, followed.get());
        Rotation ended = rotations.find(rotationId).orElseThrow();
        announce(ended);
        return ended;
    }

    /**
     * Another rotation holds the account. Rotating twice would race it; a ticket instead follows it and
     * reports its outcome, while a bulk or scheduled request ends Failed (the next run tries again).
     */
    private Rotation busy(RotationRequest request, String accountName, Rotation running) {
        return request.ticketId().isPresent()
                ? rotations.following(request, accountName, running)
                : finishedBeforeStart(request, accountName, RotationStatus.FAILED, busyReason(running));
    }

    /**
     * An account that cannot sign in whatever its password is: a ticket does not reset it (the person
     * could not use the password; a technician decides), while a technician may still rotate a disabled
     * leaver's password. A lockout is ended by the reset itself only where the request says so (a
     * ticket's reset, per the organization's settings); otherwise no verifying bind could prove it.
     */
    private static Optional<String> blockedSignIn(DirectoryAccount account, ResetOptions options, boolean fromTicket) {
        if (fromTicket && !account.enabled()) {
            return Optional.of("the account is disabled in the directory; a technician must enable it first");
        }
        if (fromTicket && account.expired()) {
            return Optional.of("the account has expired in the directory; a technician must extend it first");
        }
        if (account.lockedOut() && !options.unlock()) {
            return Optional.of("the account is locked out in the directory, and a reset alone does not unlock it; "
                    + "unlock it first (or let the ticket bot unlock on reset)");
        }
        return Optional.empty();
    }

    /**
     * Runs an accepted rotation once its time has come: checks again what may have changed while it waited
     * (the switch, the match, the record, the account, the minimum age), generates the password into the
     * journal, then carries it through directory and vault. A rotation that has to wait — for the minimum
     * age, or after an outage — is returned with {@link Rotation#nextAttemptAt()} set.
     */
    public Rotation run(String rotationId) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        if (rotation.state() != JournalState.WAITING) {
            return rotation.holdsPassword() ? resume(rotationId) : rotation;
        }
        MDC.put("rotationId", rotationId);
        try {
            generate(rotation);
            return resume(rotationId);
        } catch (DirectoryUnavailableException | VaultUnavailableException outage) {
            outage(rotation, outage);
            return rotations.find(rotationId).orElseThrow();
        } finally {
            MDC.remove("rotationId");
        }
    }

    private void generate(Rotation rotation) {
        Optional<Organization> organization = organizations.byKey(rotation.organizationKey());
        if (organization.isEmpty()) {
            abandon(rotation, RotationStatus.FAILED, "the organization " + rotation.organizationKey() + " is no longer configured");
            return;
        }
        Optional<DirectoryAccount> account = directory.account(rotation.organizationKey(), rotation.accountId());
        if (account.isEmpty()) {
            abandon(rotation, RotationStatus.FAILED, ACCOUNT_GONE);
            return;
        }
        EffectiveSettings settings = policies.effectiveFor(rotation.organizationKey());
        Optional<Refusal> refusal = refusal(organization.get(), account.get(), rotation.vaultRecordId(), settings,
                rotation.resetOptions(), rotation.ticketId().isPresent());
        if (refusal.isPresent()) {
            abandon(rotation, refusal.get().status(), refusal.get().reason());
            return;
        }
        Optional<MinimumPasswordAge> tooYoung = tooYoung(settings, account.get());
        if (tooYoung.isPresent()) {
            rotations.waitUntil(rotation.id(), tooYoung.get().earliestChange(), waitingReason(tooYoung.get()));
            return;
        }
        try (Secret password = generator.generate(settings.passwordPolicy(), account.get().username())) {
            if (rotations.generated(rotation.id(), cipher.encrypt(password, rotation.id()), describe(settings))) {
                log.info("Rotation {} of {} in {} begun", rotation.id(), rotation.accountName(), rotation.organizationKey());
            }
        }
    }

    /**
     * Carries an unfinished rotation forward from its journal state, with the password in the journal, until
     * it ends or has to wait for its next try (an outage, a vault that did not take the password).
     */
    public Rotation resume(String rotationId) {
        MDC.put("rotationId", rotationId);
        try {
            Rotation rotation = rotations.find(rotationId).orElseThrow();
            boolean first = true;
            // the first step runs whenever asked (its time has come, or someone asked now); later ones until a wait
            while (rotation.holdsPassword() && rotation.status().resumable() && (first || rotation.nextAttemptAt().isEmpty())) {
                step(rotation);
                first = false;
                rotation = rotations.find(rotationId).orElseThrow();
            }
            return rotation;
        } finally {
            MDC.remove("rotationId");
        }
    }

    /**
     * An administrator's "try again now" for a rotation that waits after an outage or a vault failure, or
     * that keeps its password for recovery (which then takes its account back).
     *
     * @throws java.util.NoSuchElementException for an unknown rotation
     * @throws IllegalStateException when there is nothing to try again, or another rotation holds the account
     */
    public Rotation retry(String rotationId, String who) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        boolean retryable = rotation.status() == RotationStatus.API_ERROR || rotation.status() == RotationStatus.VAULT_UPDATE_PENDING
                || rotation.status() == RotationStatus.RECOVERY_NEEDED;
        if (!retryable || rotation.state() == JournalState.DONE || rotation.state() == JournalState.ABANDONED) {
            throw new IllegalStateException("Rotation " + rotationId + " is " + rotation.status().label()
                    + "; only a rotation in API Error, Vault update pending or Recovery needed can be retried");
        }
        try {
            rotations.retryNow(rotationId, "retried by " + who);
        } catch (DuplicateKeyException taken) {
            throw new IllegalStateException("Another rotation of " + rotation.accountName()
                    + " is not finished; it sets a new password in both systems and replaces this one", taken);
        }
        log.info("Rotation {} retried by {}", rotationId, who);
        return rotation.state() == JournalState.WAITING ? run(rotationId) : resume(rotationId);
    }

    /**
     * Ends a rotation that holds nothing a system may have — accepted and waiting, or with a password no
     * directory was ever asked to take — so its account is free again (an administrator's
     * {@code DELETE /api/rotations/{id}}, or the sweep for rotations whose process is gone).
     *
     * @throws java.util.NoSuchElementException for an unknown rotation
     * @throws IllegalStateException when a directory may hold its password (retry or recover it instead)
     */
    public Rotation release(String rotationId, String why) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        if (!rotations.release(rotationId, "released: " + why)) {
            throw new IllegalStateException("Rotation " + rotationId + " is " + rotation.status().label()
                    + (rotation.holdsPassword() ? "; a directory may hold its password, so it is not released: "
                       + "retry it (POST /api/rotations/" + rotationId + "/retry)" : " and holds nothing to release"));
        }
        log.warn("Rotation {} of {} released: {}", rotationId, rotation.accountName(), why);
        Rotation released = rotations.find(rotationId).orElseThrow();
        announce(released);
        return released;
    }

    /**
     * Stores the password a rotation holds into a vault record on an administrator's word, for a rotation in
     * {@code Vault update pending} or {@code Recovery needed}: into the record again or another record of the
     * same organization ({@code intoRecordId}), or into a new record of the organization (empty). The password
     * goes only to the vault, never into an answer. Ends Successful where the directory holds it, Failed where
     * it only may (the new record's notes say so), and wipes the ciphertext once the vault confirmed it.
     *
     * @throws java.util.NoSuchElementException for an unknown rotation
     * @throws IllegalArgumentException for a record that is unknown, of another organization, restricted or archived
     * @throws IllegalStateException when the rotation holds nothing to recover, or the vault did not take it
     */
    public Rotation recover(String rotationId, Optional<String> intoRecordId, String who) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        boolean directoryHolds = rotation.status() == RotationStatus.VAULT_UPDATE_PENDING;
        if (!rotation.holdsPassword() || !(directoryHolds || rotation.status() == RotationStatus.RECOVERY_NEEDED)) {
            throw new IllegalStateException("Rotation " + rotationId + " is " + rotation.status().label()
                    + "; only a rotation in Vault update pending or Recovery needed holds a password to recover");
        }
        Organization organization = organizations.byKey(rotation.organizationKey()).orElseThrow(() ->
                new IllegalStateException("The organization " + rotation.organizationKey() + " is no longer configured"));
        VaultUpdate update;
        try (Secret password = cipher.decrypt(rotations.ciphertext(rotationId).orElseThrow(), rotationId)) {
            if (intoRecordId.isPresent()) {
                VaultRecord record = vault.record(intoRecordId.get()).orElseThrow(() ->
                        new IllegalArgumentException("The vault has no record " + intoRecordId.get()));
                if (record.organizationId() != organization.itglueOrganizationId() || record.restricted() || record.archived()) {
                    throw new IllegalArgumentException("The vault record " + record.id() + " is "
                            + (record.organizationId() != organization.itglueOrganizationId() ? "of another organization"
                               : record.restricted() ? "restricted" : "archived") + "; recover into a record of "
                            + organization.key() + " that is neither restricted nor archived");
                }
                update = vault.updatePassword(record.id(), password);
            } else {
                update = vault.createPassword(organization.itglueOrganizationId(), rotation.accountName() + " (recovered by Rotabot)",
                        rotation.accountName(), (directoryHolds ? "The directory holds this password" : "The directory MAY hold this "
                        + "password (the answer to its reset was lost)") + ": Rotabot rotation " + rotationId + ", recovered by "
                        + who + " on " + Instant.now() + ".", password);
            }
        }
        if (!update.succeeded()) {
            throw new IllegalStateException("The vault did not take the password: " + update.detail());
        }
        String recordId = update.record().map(VaultRecord::id).orElse("");
        String reason = directoryHolds
                ? "password set in the directory and recovered into vault record " + recordId + " by " + who
                  + (recordId.equals(rotation.vaultRecordId()) ? "" : "; the account is still matched to record "
                     + rotation.vaultRecordId() + ": match it to " + recordId)
                : "the password the directory may hold was recovered into vault record " + recordId + " by " + who
                  + "; rotate the account again so that both surely hold the same";
        rotations.recovered(rotationId, directoryHolds ? RotationStatus.SUCCESSFUL : RotationStatus.FAILED,
                update.record().map(VaultRecord::resourceUrl).orElse(""), reason);
        log.warn("Rotation {}: {}", rotationId, reason);
        Rotation recovered = rotations.find(rotationId).orElseThrow();
        announce(recovered);
        return recovered;
    }

    /** The policy as a revision records it: "20 characters; upper, lower, digit, symbol; global settings". */
    private static String describe(EffectiveSettings settings) {
        PasswordPolicy policy = settings.passwordPolicy();
        List<String> classes = new ArrayList<>();
        if (policy.uppercase()) {
            classes.add("upper");
        }
        if (policy.lowercase()) {
            classes.add("lower");
        }
        if (policy.digit()) {
            classes.add("digit");
        }
        if (policy.symbol()) {
            classes.add("symbol");
        }
        return policy.length() + " characters; " + String.join(", ", classes) + "; " + settings.source();
    }

    private Optional<String> switchedOff(EffectiveSettings settings) {
        if (settings.settings().rotationEnabled()) {
            return Optional.empty();
        }
        return Optional.of("password rotation is turned off ("
                + (policies.global().rotationEnabled() ? "the organization rule" : "Enable Password Rotation") + " is off)");
    }

    private Optional<MinimumPasswordAge> tooYoung(EffectiveSettings settings, DirectoryAccount account) {
        if (!settings.settings().respectMinimumAge()) {
            return Optional.empty();
        }
        MinimumPasswordAge age = directory.minimumPasswordAge(account);
        return age.allowsChangeAt(Instant.now()) ? Optional.empty() : Optional.of(age);
    }

    private static String waitingReason(MinimumPasswordAge age) {
        return "the directory's minimum password age (" + age.minimumAge().toHours() + " h, " + age.source()
                + ") allows the next change at " + age.earliestChange();
    }

    private static String busyReason(Rotation running) {
        return "another rotation of this account is not finished yet (rotation " + running.id() + ", "
                + running.status().label() + ": " + running.reason() + ")";
    }

    private Rotation finishedBeforeStart(RotationRequest request, String accountName, RotationStatus status, String reason) {
        Rotation rotation = rotations.refused(request, accountName, status, reason);
        announce(rotation);
        return rotation;
    }

    private void step(Rotation rotation) {
        try (Secret password = cipher.decrypt(rotations.ciphertext(rotation.id()).orElseThrow(), rotation.id())) {
            switch (rotation.state()) {
                case PENDING -> setInDirectory(rotation, password);
                case DIRECTORY_SET -> storeInVault(rotation, password);
                case VAULT_SET -> {
                    String done = "password set in the directory" + (rotation.unverified() ? " (unverified: a bind with it failed)" : "")
                            + " and stored in the vault";
                    if (rotations.done(rotation.id(), done)) {
                        log.info("Rotation {} done", rotation.id());
                        announce(rotations.find(rotation.id()).orElseThrow());
                    }
                }
                default -> throw new IllegalStateException("No step from " + rotation.state());
            }
        } catch (DirectoryUnavailableException | VaultUnavailableException outage) {
            outage(rotation, outage);
        }
    }

    /** An outage is not an answer: the rotation waits for its next try, with a growing pause, and never gives up. */
    private void outage(Rotation rotation, RuntimeException outage) {
        if (rotation.state() == JournalState.DIRECTORY_SET) {
            vaultPending(rotation, "the vault could not be reached: " + outage.getMessage());
            return;
        }
        Instant next = properties.nextTry(rotation.failedTries() + 1);
        rotations.apiError(rotation.id(), "waiting to try again at " + next + ": " + outage.getMessage(), next);
        log.warn("Rotation {} waits until {} after an outage: {}", rotation.id(), next, outage.getMessage());
        if (rotation.status() != RotationStatus.API_ERROR) {
            announce(rotations.find(rotation.id()).orElseThrow());
        }
    }

    private void setInDirectory(Rotation rotation, Secret password) {
        Optional<DirectoryAccount> account = directory.account(rotation.organizationKey(), rotation.accountId());
        if (account.isEmpty()) {
            abandon(rotation, RotationStatus.FAILED, ACCOUNT_GONE);
            return;
        }
        // after a crash or a lost answer the directory may already have this password: then it is not set again
        PasswordCheck check = directory.holds(account.get(), password);
        if (check == PasswordCheck.HOLDS) {
            rotations.directorySet(rotation.id(), false, "the directory already had the new password; vault update pending");
            return;
        }
        rotations.directoryAttempt(rotation.id());
        PasswordChange change = directory.setPassword(account.get(), password, rotation.resetOptions());
        switch (change.result()) {
            case CHANGED -> rotations.directorySet(rotation.id(), false, "directory updated and verified; vault update pending");
            // it may hold the password, so it is the directory's password until proven otherwise: never dropped
            case NOT_VERIFIED -> {
                log.warn("Rotation {}: the directory answered changed but the bind check failed: {}", rotation.id(), change.detail());
                rotations.directorySet(rotation.id(), true, "the directory answered that it changed the password, but a bind with it "
                        + "failed (" + change.detail() + "); it is stored in the vault as the directory's password, flagged unverified");
            }
            default -> refused(rotation, account.get(), change, check);
        }
    }

    /**
     * The directory refused the password. It provably does not hold it — and the ciphertext is wiped —
     * unless an earlier reset of this rotation went out and its answer was lost, and a bind could not prove
     * the directory lacks the password: then it is kept for recovery.
     */
    private void refused(Rotation rotation, DirectoryAccount account, PasswordChange change, PasswordCheck check) {
        RotationStatus status = switch (change.result()) {
            case NOT_PERMITTED -> account.privileged() ? RotationStatus.ADMIN_NOT_PERMITTED : RotationStatus.FAILED;
            case TENANT_NOT_PERMITTED -> RotationStatus.MULTI_TENANT_NOT_PERMITTED;
            case MASTERED_ON_PREMISES -> RotationStatus.NOT_PERMITTED;
            default -> RotationStatus.FAILED;
        };
        boolean earlierInDoubt = rotation.directoryAttempts() > 0 && check != PasswordCheck.DOES_NOT_HOLD
                && change.result() != PasswordChange.Result.ACCOUNT_GONE;
        if (!earlierInDoubt) {
            abandon(rotation, status, change.detail());
            return;
        }
        String reason = "the directory refused the password on a later try (" + change.detail() + "), but the answer to an "
                + "earlier try was lost, so it may hold it: the password is kept. Rotate the account again (a new password then "
                + "replaces it in both systems), retry once the cause is fixed (POST /api/rotations/" + rotation.id()
                + "/retry), or recover it into a vault record (POST /api/rotations/" + rotation.id() + "/recover)";
        if (rotations.recoveryNeeded(rotation.id(), reason)) {
            log.error("Rotation {} of {} needs recovery: {}", rotation.id(), rotation.accountName(), reason);
            announce(rotations.find(rotation.id()).orElseThrow());
        }
    }

    private void storeInVault(Rotation rotation, Secret password) {
        VaultUpdate update = vault.updatePassword(rotation.vaultRecordId(), password);
        if (update.succeeded()) {
            String link = update.record().map(VaultRecord::resourceUrl).orElse("");
            String revision = update.record().flatMap(VaultRecord::passwordUpdatedAt).map(Object::toString).orElse("");
            rotations.vaultConfirmed(rotation.id(), link, revision);
            return;
        }
        String todo = switch (update.result()) {
            case RECORD_GONE -> "; recover the password into another record of the organization (POST /api/rotations/"
                    + rotation.id() + "/recover)";
            case NOT_PERMITTED -> "; give the vault's API key access to the record, then retry (POST /api/rotations/"
                    + rotation.id() + "/retry)";
            case NOT_CONFIRMED -> "; the vault's API key must be able to read passwords back, then retry (POST /api/rotations/"
                    + rotation.id() + "/retry)";
            default -> "";
        };
        vaultPending(rotation, "the vault did not take it: " + update.detail() + todo);
    }

    /** The directory holds the password and the vault does not: never an end, only a wait for the next try. */
    private void vaultPending(Rotation rotation, String why) {
        Instant next = properties.nextTry(rotation.failedTries() + 1);
        rotations.vaultPending(rotation.id(), "directory updated" + (rotation.unverified() ? " (unverified)" : "")
                + "; vault update pending, next try at " + next + ": " + why, next);
        if (rotation.status() != RotationStatus.VAULT_UPDATE_PENDING) {
            log.error("Rotation {} of {}: the directory holds the new password and the vault does not yet: {}",
                    rotation.id(), rotation.accountName(), why);
            announce(rotations.find(rotation.id()).orElseThrow());
        }
    }

    private void abandon(Rotation rotation, RotationStatus status, String reason) {
        if (rotations.abandon(rotation.id(), status, reason)) {
            log.warn("Rotation {} ended {}: {}", rotation.id(), status.label(), reason);
            announce(rotations.find(rotation.id()).orElseThrow());
        }
    }

    private void announce(Rotation rotation) {
        events.publishEvent(new RotationReported(rotation.id(), rotation.organizationKey(), rotation.accountName(),
                rotation.status(), rotation.reason()));
    }
}
