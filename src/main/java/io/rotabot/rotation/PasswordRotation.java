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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Rotates one matched credential along the journal: generate → encrypt into the journal → set in the
 * directory and verify → store in the vault → done. Any worker that finds an unfinished row resumes it
 * from its state with the same password, so a crash or a retry never loses or replaces a password a
 * system already holds. Outages propagate as exceptions for the caller's retry; every answer ends in a status.
 */
@Service
public class PasswordRotation {

    private static final Logger log = LoggerFactory.getLogger(PasswordRotation.class);

    private final Rotations rotations;
    private final Organizations organizations;
    private final Directory directory;
    private final Vault vault;
    private final PasswordPolicies policies;
    private final PasswordGenerator generator;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final Matches matches;

    PasswordRotation(Rotations rotations, Organizations organizations, Directory directory, Vault vault,
                     PasswordPolicies policies, PasswordGenerator generator, SecretCipher cipher,
                     ApplicationEventPublisher events, Matches matches) {
        this.matches = matches;
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
            return finishedBeforeStart(request, "", RotationStatus.FAILED,
                    "the account no longer exists in the directory");
        }
        String name = account.get().logonName();
        // rotated alone, once matched, the directory adapter moves the connection to the new password in the same step
        if (directory.isServiceAccount(account.get()) && request.batchId().isPresent()) {
            return finishedBeforeStart(request, name, RotationStatus.ADMIN_NOT_PERMITTED,
                    "the connection's own bind account is never rotated in bulk or by schedule");
        }
        EffectiveSettings settings = policies.effectiveFor(organization.key());
        Optional<String> off = switchedOff(settings);
        if (off.isPresent()) {
            return finishedBeforeStart(request, name, RotationStatus.NOT_PERMITTED, off.get());
        }
        if (!matches.approvedRecord(organization.key(), request.accountId()).filter(request.vaultRecordId()::equals).isPresent()) {
            return finishedBeforeStart(request, name, RotationStatus.NOT_PERMITTED,
                    "the account is not matched to vault record " + request.vaultRecordId()
                    + "; only an approved match may be rotated");
        }
        Optional<VaultRecord> record = vault.record(request.vaultRecordId());
        if (record.isEmpty()) {
            return finishedBeforeStart(request, name, RotationStatus.FAILED,
                    "the vault record " + request.vaultRecordId() + " no longer exists");
        }
        if (record.get().organizationId() != organization.itglueOrganizationId()) {
            return finishedBeforeStart(request, name, RotationStatus.NOT_PERMITTED,
                    "the vault record belongs to another organization than the account");
        }
        if (record.get().restricted() || record.get().archived()) {
            return finishedBeforeStart(request, name, RotationStatus.NOT_PERMITTED,
                    "the vault record is " + (record.get().restricted() ? "restricted" : "archived"));
        }
        Optional<String> blocked = blockedSignIn(account.get(), request.resetOptions(), request.ticketId().isPresent());
        if (blocked.isPresent()) {
            return finishedBeforeStart(request, name, RotationStatus.NOT_PERMITTED, blocked.get());
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
     * Runs an accepted rotation once its time has come: generates the password into the journal, then
     * carries it through directory and vault. A rotation the minimum age still holds back is returned
     * as it is (its time is checked again, as the password may have changed meanwhile).
     */
    public Rotation run(String rotationId) {
        Rotation rotation = rotations.find(rotationId).orElseThrow();
        if (rotation.state() != JournalState.WAITING) {
            return rotation.state().holdsPassword() ? resume(rotationId) : rotation;
        }
        MDC.put("rotationId", rotationId);
        try {
            EffectiveSettings settings = policies.effectiveFor(rotation.organizationKey());
            Optional<String> off = switchedOff(settings);
            if (off.isPresent()) {
                abandon(rotation, RotationStatus.NOT_PERMITTED, off.get());
                return rotations.find(rotationId).orElseThrow();
            }
            Optional<DirectoryAccount> account = directory.account(rotation.organizationKey(), rotation.accountId());
            if (account.isEmpty()) {
                abandon(rotation, RotationStatus.FAILED, "the account no longer exists in the directory");
                return rotations.find(rotationId).orElseThrow();
            }
            Optional<String> blocked = blockedSignIn(account.get(), rotation.resetOptions(), rotation.ticketId().isPresent());
            if (blocked.isPresent()) {
                abandon(rotation, RotationStatus.NOT_PERMITTED, blocked.get());
                return rotations.find(rotationId).orElseThrow();
            }
            Optional<MinimumPasswordAge> tooYoung = tooYoung(settings, account.get());
            if (tooYoung.isPresent()) {
                rotations.waitUntil(rotationId, tooYoung.get().earliestChange(), waitingReason(tooYoung.get()));
                return rotations.find(rotationId).orElseThrow();
            }
            try (Secret password = generator.generate(settings.passwordPolicy(), account.get().username())) {
                if (rotations.generated(rotationId, cipher.encrypt(password, rotationId), describe(settings))) {
                    log.info("Rotation {} of {} in {} begun", rotationId, rotation.accountName(), rotation.organizationKey());
                }
            }
            return resume(rotationId);
        } finally {
            MDC.remove("rotationId");
        }
    }

    /** Carries an unfinished rotation forward from its journal state, with the password in the journal. */
    public Rotation resume(String rotationId) {
        MDC.put("rotationId", rotationId);
        try {
            Rotation rotation = rotations.find(rotationId).orElseThrow();
            while (rotation.state().holdsPassword() && rotation.status().resumable()) {
                step(rotation);
                rotation = rotations.find(rotationId).orElseThrow();
            }
            return rotation;
        } finally {
            MDC.remove("rotationId");
        }
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
                    if (rotations.done(rotation.id())) {
                        log.info("Rotation {} done", rotation.id());
                        announce(rotations.find(rotation.id()).orElseThrow());
                    }
                }
                default -> throw new IllegalStateException("No step from " + rotation.state());
            }
        } catch (DirectoryUnavailableException | VaultUnavailableException outage) {
            if (rotation.state() == JournalState.PENDING) {
                rotations.retrying(rotation.id(), RotationStatus.API_ERROR, "waiting to retry: " + outage.getMessage());
                if (rotation.status() != RotationStatus.API_ERROR) {
                    announce(rotations.find(rotation.id()).orElseThrow());
                }
            } else {
                rotations.retrying(rotation.id(), RotationStatus.IN_PROGRESS,
                        "directory updated; waiting to retry the vault: " + outage.getMessage());
            }
            throw outage;
        }
    }

    private void setInDirectory(Rotation rotation, Secret password) {
        Optional<DirectoryAccount> account = directory.account(rotation.organizationKey(), rotation.accountId());
        if (account.isEmpty()) {
            abandon(rotation, RotationStatus.FAILED, "the account no longer exists in the directory");
            return;
        }
        // after a crash the directory may already have this password: then setting it again is not needed
        if (directory.holds(account.get(), password) == PasswordCheck.HOLDS) {
            rotations.advance(rotation.id(), JournalState.PENDING, JournalState.DIRECTORY_SET,
                    "directory already had the new password; vault update pending");
            return;
        }
        PasswordChange change = directory.setPassword(account.get(), password, rotation.resetOptions());
        switch (change.result()) {
            case CHANGED -> rotations.advance(rotation.id(), JournalState.PENDING, JournalState.DIRECTORY_SET,
                    "directory updated and verified; vault update pending");
            case REJECTED_BY_POLICY, ACCOUNT_GONE, UNSUPPORTED -> abandon(rotation, RotationStatus.FAILED, change.detail());
            case NOT_PERMITTED -> abandon(rotation,
                    account.get().privileged() ? RotationStatus.ADMIN_NOT_PERMITTED : RotationStatus.FAILED, change.detail());
            case TENANT_NOT_PERMITTED -> abandon(rotation, RotationStatus.MULTI_TENANT_NOT_PERMITTED, change.detail());
            case MASTERED_ON_PREMISES -> abandon(rotation, RotationStatus.NOT_PERMITTED, change.detail());
            // the directory said yes but the bind said no: it may hold the password, so keep it
            case NOT_VERIFIED -> fail(rotation, RotationStatus.FAILED, change.detail());
        }
    }

    private void storeInVault(Rotation rotation, Secret password) {
        VaultUpdate update = vault.updatePassword(rotation.vaultRecordId(), password);
        if (update.succeeded()) {
            String link = update.record().map(VaultRecord::resourceUrl).orElse("");
            String revision = update.record().flatMap(VaultRecord::passwordUpdatedAt).map(Object::toString).orElse("");
            rotations.vaultConfirmed(rotation.id(), link, revision);
        } else {
            fail(rotation, RotationStatus.FAILED, "directory updated, vault update failed: " + update.detail()
                    + "; the new password is kept encrypted in the rotation journal");
        }
    }

    private void abandon(Rotation rotation, RotationStatus status, String reason) {
        if (rotations.abandon(rotation.id(), status, reason)) {
            log.warn("Rotation {} ended {}: {}", rotation.id(), status.label(), reason);
            announce(rotations.find(rotation.id()).orElseThrow());
        }
    }

    private void fail(Rotation rotation, RotationStatus status, String reason) {
        rotations.failHoldingPassword(rotation.id(), status, reason);
        log.error("Rotation {} ended {} while a system may hold its new password: {}", rotation.id(), status.label(), reason);
        announce(rotations.find(rotation.id()).orElseThrow());
    }

    private void announce(Rotation rotation) {
        events.publishEvent(new RotationReported(rotation.id(), rotation.organizationKey(), rotation.accountName(),
                rotation.status(), rotation.reason()));
    }
}
