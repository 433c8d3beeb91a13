package io.rotabot.rotation;

import io.rotabot.VendorText;
import io.rotabot.directory.ResetOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rotation journal. Every write commits on its own, whatever transaction the caller is in: a
 * process engine job that rolls back must not take back the record of a password a directory already
 * has. Every change of state is a compare-and-set on the current state, so two workers resuming one
 * rotation cannot move it backwards; an account has at most one unfinished rotation. Every reason is
 * cleaned of control characters and cut to the column's 2,000 characters before it is written (a vendor's
 * text — AD's ends with a NUL — must never make the write of a journal row fail).
 */
@Repository
@Transactional(propagation = Propagation.REQUIRES_NEW)
public class Rotations {

    private static final int MAX_REASON = 2000;

    private final JdbcClient jdbc;

    Rotations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static String text(String reason) {
        return VendorText.clean(reason, MAX_REASON);
    }

    /**
     * The accepted rotation, before any password exists: ready now, or waiting until eligibleAt. Takes
     * the account; fails with DuplicateKeyException while another unfinished rotation holds it.
     */
    Rotation accept(RotationRequest request, String accountName, String rotationId, RotationStatus status, String reason,
                    Instant eligibleAt) {
        Instant now = Instant.now();
        jdbc.sql("""
                insert into rotations (id, request_key, organization_key, account_id, account_name, vault_record_id,
                                       ticket_id, state, status, reason, vault_record_url, active_account_key, eligible_at,
                                       triggered_by, batch_id, unlock_account, must_change_at_next_logon, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 'WAITING', ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(rotationId, request.requestKey(), request.organizationKey(), request.accountId(), accountName,
                    request.vaultRecordId(), request.ticketId().orElse(null), status.name(), text(reason),
                    request.organizationKey() + "/" + request.accountId(), Timestamp.from(eligibleAt), request.triggeredBy(),
                    request.batchId().orElse(null), request.resetOptions().unlock(),
                    request.resetOptions().mustChangeAtNextLogon(), Timestamp.from(now), Timestamp.from(now))
            .update();
        return find(rotationId).orElseThrow();
    }

    /** The journal entry of the new password, written before any directory is touched, with the policy it met. */
    boolean generated(String rotationId, String ciphertext, String policy) {
        return jdbc.sql("""
                update rotations set state = 'PENDING', status = 'IN_PROGRESS', new_password_ciphertext = ?, policy = ?,
                                     reason = 'new password generated', updated_at = ?
                where id = ? and state = 'WAITING'""")
            .params(ciphertext, policy, Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /** Still too young to change: wait until then. */
    void waitUntil(String rotationId, Instant eligibleAt, String reason) {
        jdbc.sql("""
                update rotations set status = 'WAITING_FOR_MINIMUM_AGE', eligible_at = ?, reason = ?, updated_at = ?
                where id = ? and state = 'WAITING'""")
            .params(Timestamp.from(eligibleAt), text(reason), Timestamp.from(Instant.now()), rotationId)
            .update();
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<Rotation> list(Optional<String> organizationKey, Optional<RotationStatus> status, Optional<String> batchId,
                               int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> parameters = new java.util.ArrayList<>();
        organizationKey.ifPresent(o -> {
            where.append(" and organization_key = ?");
            parameters.add(o);
        });
        status.ifPresent(s -> {
            where.append(" and status = ?");
            parameters.add(s.name());
        });
        batchId.ifPresent(b -> {
            where.append(" and batch_id = ?");
            parameters.add(b);
        });
        parameters.add(limit);
        return jdbc.sql("select * from rotations" + where + " order by created_at desc, id limit ?").params(parameters)
                .query(Rotations::toRotation).list();
    }

    /** The unfinished rotation that holds this account, if any. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<Rotation> activeFor(String organizationKey, String accountId) {
        return jdbc.sql("select * from rotations where active_account_key = ?").param(organizationKey + "/" + accountId)
            .query(Rotations::toRotation).optional();
    }

    /** A rotation that was refused before any password was generated. */
    Rotation refused(RotationRequest request, String accountName, RotationStatus status, String reason) {
        return refused(request, accountName, status, reason, null);
    }

    /**
     * A ticket's rotation that found another one of the account running: it sets no password and takes
     * that rotation's outcome once it ends ({@link #followed}).
     */
    Rotation following(RotationRequest request, String accountName, Rotation running) {
        return refused(request, accountName, RotationStatus.IN_PROGRESS, "waits for rotation " + running.id()
                + " of the same account (" + running.triggeredBy() + ") and reports its outcome", running.id());
    }

    /** The followed rotation ended: the follower reports its outcome and link. */
    void followed(String rotationId, Rotation ended) {
        jdbc.sql("update rotations set status = ?, reason = ?, vault_record_url = ?, updated_at = ? where id = ?")
            .params(ended.status().name(), text(ended.reason() + " (rotation " + ended.id() + ", " + ended.triggeredBy() + ")"),
                    ended.vaultRecordUrl(), Timestamp.from(Instant.now()), rotationId)
            .update();
    }

    private Rotation refused(RotationRequest request, String accountName, RotationStatus status, String reason, String follows) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into rotations (id, request_key, organization_key, account_id, account_name, vault_record_id,
                                       ticket_id, state, status, reason, vault_record_url, triggered_by, batch_id,
                                       unlock_account, must_change_at_next_logon, follows_rotation_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 'ABANDONED', ?, ?, '', ?, ?, ?, ?, ?, ?, ?)""")
            .params(id, request.requestKey(), request.organizationKey(), request.accountId(), accountName,
                    request.vaultRecordId(), request.ticketId().orElse(null), status.name(), text(reason),
                    request.triggeredBy(), request.batchId().orElse(null), request.resetOptions().unlock(),
                    request.resetOptions().mustChangeAtNextLogon(), follows, Timestamp.from(now), Timestamp.from(now))
            .update();
        return find(id).orElseThrow();
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<Rotation> find(String rotationId) {
        return jdbc.sql("select * from rotations where id = ?").param(rotationId).query(Rotations::toRotation).optional();
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<Rotation> findByRequestKey(String requestKey) {
        return jdbc.sql("select * from rotations where request_key = ?").param(requestKey)
            .query(Rotations::toRotation).optional();
    }

    /** Rotations whose journal still holds a password and that nobody has given a final status. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    List<Rotation> unfinished() {
        return jdbc.sql("""
                select * from rotations where state in ('PENDING', 'DIRECTORY_SET', 'VAULT_SET')
                                          and status in ('IN_PROGRESS', 'API_ERROR', 'VAULT_UPDATE_PENDING')""")
            .query(Rotations::toRotation).list();
    }

    /**
     * Rotations that wait for something only time brings — the minimum password age, or the next try after
     * an outage or a vault failure — and were last touched before {@code before}: what a sweep looks at
     * for rotations whose process is gone.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<Rotation> waitingSince(Instant before) {
        return jdbc.sql("""
                select * from rotations where (state = 'WAITING' or status in ('API_ERROR', 'VAULT_UPDATE_PENDING'))
                                          and active_account_key is not null and updated_at < ?
                order by updated_at limit 1000""")
            .param(Timestamp.from(before))
            .query(Rotations::toRotation).list();
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<String> ciphertext(String rotationId) {
        return jdbc.sql("select new_password_ciphertext from rotations where id = ?").param(rotationId)
            .query(String.class).optional();
    }

    /** A reset is about to be sent to the directory: from now on a refusal cannot prove the directory lacks it. */
    void directoryAttempt(String rotationId) {
        jdbc.sql("update rotations set directory_attempts = directory_attempts + 1, updated_at = ? where id = ? and state = 'PENDING'")
            .params(Timestamp.from(Instant.now()), rotationId)
            .update();
    }

    /** The directory holds the password (unverified: it answered "changed" but a bind did not confirm it). */
    boolean directorySet(String rotationId, boolean unverified, String reason) {
        return jdbc.sql("""
                update rotations set state = 'DIRECTORY_SET', status = 'IN_PROGRESS', unverified = ?, reason = ?,
                                     eligible_at = null, failed_tries = 0, updated_at = ?
                where id = ? and state = 'PENDING'""")
            .params(unverified, text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    boolean vaultConfirmed(String rotationId, String vaultRecordUrl, String vaultRevision) {
        return jdbc.sql("""
                update rotations set state = 'VAULT_SET', status = 'IN_PROGRESS', vault_record_url = ?, vault_revision = ?,
                                     reason = 'directory and vault updated', eligible_at = null, updated_at = ?
                where id = ? and state = 'DIRECTORY_SET'""")
            .params(text(vaultRecordUrl), vaultRevision, Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /**
     * The final step: the ciphertext is wiped in the same statement that marks the rotation done. A password
     * an earlier rotation of the account kept for recovery is wiped with it: the directory and the vault
     * now both hold this rotation's, so nothing holds that one any more.
     */
    boolean done(String rotationId, String reason) {
        Instant now = Instant.now();
        boolean done = jdbc.sql("""
                update rotations set state = 'DONE', status = 'SUCCESSFUL', new_password_ciphertext = null,
                                     active_account_key = null, eligible_at = null, reason = ?, updated_at = ?
                where id = ? and state = 'VAULT_SET'""")
            .params(text(reason), Timestamp.from(now), rotationId)
            .update() == 1;
        if (done) {
            jdbc.sql("""
                    update rotations set state = 'ABANDONED', status = 'FAILED', new_password_ciphertext = null,
                                         reason = ?, updated_at = ?
                    where status = 'RECOVERY_NEEDED' and state = 'PENDING'
                      and (organization_key, account_id) in (select organization_key, account_id from rotations where id = ?)""")
                .params(text("replaced by rotation " + rotationId + ", which set a new password in the directory and the vault"),
                        Timestamp.from(now), rotationId)
                .update();
        }
        return done;
    }

    /**
     * Nothing holds the password — none was generated yet, or the directory refused it and no earlier
     * attempt is in doubt: wipe it and end. Callers prove that; a row with a reset of unknown outcome
     * goes to {@link #recoveryNeeded} instead.
     */
    boolean abandon(String rotationId, RotationStatus status, String reason) {
        return jdbc.sql("""
                update rotations set state = 'ABANDONED', status = ?, reason = ?, new_password_ciphertext = null,
                                     active_account_key = null, eligible_at = null, updated_at = ?
                where id = ? and state in ('WAITING', 'PENDING')""")
            .params(status.name(), text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /**
     * Ends a rotation that holds nothing a system may have — waiting, or generated but never sent to the
     * directory — on an administrator's or the orphan sweep's word; false when it holds more.
     */
    boolean release(String rotationId, String reason) {
        return jdbc.sql("""
                update rotations set state = 'ABANDONED', status = 'FAILED', reason = ?, new_password_ciphertext = null,
                                     active_account_key = null, eligible_at = null, updated_at = ?
                where id = ? and (state = 'WAITING' or (state = 'PENDING' and directory_attempts = 0))""")
            .params(text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /**
     * The directory may or may not hold the password: keep it for an administrator and free the account,
     * since the next rotation sets a new password in both systems (and then wipes this one, see {@link #done}).
     */
    boolean recoveryNeeded(String rotationId, String reason) {
        return jdbc.sql("""
                update rotations set status = 'RECOVERY_NEEDED', reason = ?, active_account_key = null, eligible_at = null,
                                     updated_at = ?
                where id = ? and state = 'PENDING'""")
            .params(text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /** An outage before the directory took the password: try again at nextTry. */
    void apiError(String rotationId, String reason, Instant nextTry) {
        jdbc.sql("""
                update rotations set status = 'API_ERROR', failed_tries = failed_tries + 1, reason = ?, eligible_at = ?, updated_at = ?
                where id = ? and state = 'PENDING'""")
            .params(text(reason), Timestamp.from(nextTry), Timestamp.from(Instant.now()), rotationId)
            .update();
    }

    /** The directory holds the password and the vault did not take it: try again at nextTry. */
    void vaultPending(String rotationId, String reason, Instant nextTry) {
        jdbc.sql("""
                update rotations set status = 'VAULT_UPDATE_PENDING', failed_tries = failed_tries + 1, reason = ?,
                                     eligible_at = ?, updated_at = ?
                where id = ? and state = 'DIRECTORY_SET'""")
            .params(text(reason), Timestamp.from(nextTry), Timestamp.from(Instant.now()), rotationId)
            .update();
    }

    /**
     * An administrator asks for the next try now. A rotation kept for recovery takes its account back,
     * failing with DuplicateKeyException while another rotation holds it; false when nothing is held.
     */
    boolean retryNow(String rotationId, String reason) {
        return jdbc.sql("""
                update rotations set status = 'IN_PROGRESS', reason = ?, eligible_at = null, updated_at = ?,
                                     active_account_key = organization_key || '/' || account_id
                where id = ? and state in ('PENDING', 'DIRECTORY_SET', 'VAULT_SET')
                  and status in ('API_ERROR', 'VAULT_UPDATE_PENDING', 'RECOVERY_NEEDED')""")
            .params(text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    /**
     * The held password is in a vault record now, by an administrator's recovery: the ciphertext is wiped.
     * Successful where the directory holds it (the vault record then does too), Failed where it might not.
     */
    boolean recovered(String rotationId, RotationStatus status, String vaultRecordUrl, String reason) {
        return jdbc.sql("""
                update rotations set state = 'DONE', status = ?, vault_record_url = ?, reason = ?, new_password_ciphertext = null,
                                     active_account_key = null, eligible_at = null, updated_at = ?
                where id = ? and state in ('PENDING', 'DIRECTORY_SET', 'VAULT_SET')
                  and status in ('VAULT_UPDATE_PENDING', 'RECOVERY_NEEDED')""")
            .params(status.name(), text(vaultRecordUrl), text(reason), Timestamp.from(Instant.now()), rotationId)
            .update() == 1;
    }

    private static Rotation toRotation(ResultSet row, int index) throws SQLException {
        long ticket = row.getLong("ticket_id");
        Optional<Long> ticketId = row.wasNull() ? Optional.empty() : Optional.of(ticket);
        return new Rotation(row.getString("id"), row.getString("request_key"), row.getString("organization_key"),
                row.getString("account_id"), row.getString("account_name"), row.getString("vault_record_id"),
                ticketId, JournalState.valueOf(row.getString("state")), RotationStatus.valueOf(row.getString("status")),
                row.getString("reason"), row.getString("vault_record_url"),
                Optional.ofNullable(row.getTimestamp("eligible_at")).map(Timestamp::toInstant), row.getString("triggered_by"),
                Optional.ofNullable(row.getString("batch_id")), row.getString("policy"), row.getString("vault_revision"),
                new ResetOptions(row.getBoolean("unlock_account"), row.getBoolean("must_change_at_next_logon")),
                Optional.ofNullable(row.getString("follows_rotation_id")), row.getBoolean("unverified"),
                row.getInt("directory_attempts"), row.getInt("failed_tries"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }

    /** The last successful rotation of each account of the organization, by account id. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    java.util.Map<String, Rotation> lastSuccessful(String organizationKey) {
        return jdbc.sql("""
                select r.* from rotations r
                join (select account_id, max(updated_at) as finished from rotations
                      where organization_key = ? and state = 'DONE' and status = 'SUCCESSFUL' group by account_id) last
                  on last.account_id = r.account_id and last.finished = r.updated_at
                where r.organization_key = ? and r.state = 'DONE' and r.status = 'SUCCESSFUL'""")
            .params(organizationKey, organizationKey)
            .query(Rotations::toRotation).list().stream()
            .collect(java.util.stream.Collectors.toMap(Rotation::accountId, r -> r, (a, b) -> a));
    }

    /**
     * For each account of the organization with a rotation that may have set a password the journal has
     * not finished with (its entry written, directory or vault under way), when the latest such one began.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    java.util.Map<String, Instant> holdingPasswords(String organizationKey) {
        return jdbc.sql("""
                select account_id, max(created_at) from rotations
                where organization_key = ? and state in ('PENDING', 'DIRECTORY_SET', 'VAULT_SET') group by account_id""")
            .param(organizationKey)
            .query((row, i) -> java.util.Map.entry(row.getString(1), row.getTimestamp(2).toInstant())).list().stream()
            .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    /**
     * The schedule's unsuccessful rotations of each account of the organization since the account's last
     * successful rotation (by anyone): how many, and when the latest of them ended.
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    java.util.Map<String, ScheduledRotations.Failures> scheduleFailures(String organizationKey) {
        return jdbc.sql("""
                select f.account_id, count(*), max(f.updated_at) from rotations f
                where f.organization_key = ? and f.triggered_by = 'schedule'
                  and f.status in ('FAILED', 'NOT_PERMITTED', 'ADMIN_NOT_PERMITTED', 'MULTI_TENANT_NOT_PERMITTED')
                  and not exists (select 1 from rotations s where s.organization_key = f.organization_key
                                  and s.account_id = f.account_id and s.state = 'DONE' and s.status = 'SUCCESSFUL'
                                  and s.updated_at > f.created_at)
                group by f.account_id""")
            .param(organizationKey)
            .query((row, i) -> new ScheduledRotations.Failures(row.getString(1), row.getInt(2), row.getTimestamp(3).toInstant()))
            .list().stream()
            .collect(java.util.stream.Collectors.toMap(ScheduledRotations.Failures::accountId, f -> f));
    }
}
