package io.rotabot.notify;

import io.rotabot.intake.WebhookDeactivated;
import io.rotabot.matching.OutOfSync;
import io.rotabot.matching.PairOutOfSync;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.rotation.RotationReported;
import io.rotabot.rotation.RotationStatus;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * E-mails about rotations, never with a password, the alert that Autotask disabled the ticket webhook, and
 * the news that a pair is Out of sync: administrators ({@code rotabot.notify.administrators}) hear of every
 * rotation that did not succeed; subscribers of the organization hear of every Failed or API Error, and of
 * every success under the organization's own rule; both hear once of a pair whose password was changed
 * outside Rotabot. Needs {@code spring.mail.host}.
 */
@Component
class RotationMails {

    private static final Logger log = LoggerFactory.getLogger(RotationMails.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final List<String> administrators;
    private final String from;
    private final Subscribers subscribers;
    private final PasswordPolicies policies;

    RotationMails(ObjectProvider<JavaMailSender> mail, @Value("${rotabot.notify.administrators:}") List<String> administrators,
                  @Value("${rotabot.notify.from:rotabot@localhost}") String from, Subscribers subscribers,
                  PasswordPolicies policies) {
        this.mail = mail;
        this.administrators = administrators.stream().filter(a -> !a.isBlank()).toList();
        this.from = from;
        this.subscribers = subscribers;
        this.policies = policies;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(RotationReported rotation) {
        List<String> to = recipients(rotation.status(), administrators, subscribers.of(rotation.organizationKey()),
                policies.rule(rotation.organizationKey()).isPresent());
        send(to, "Rotabot: rotation of " + rotation.accountName() + " " + rotation.status().label(),
                "Rotation " + rotation.rotationId() + " of " + rotation.accountName() + " in "
                + rotation.organizationKey() + ": " + rotation.status().label() + ".\n\nReason: " + rotation.reason()
                + "\n\nThe password is in the vault; it is never sent by e-mail.\n", "rotation " + rotation.rotationId());
    }

    /** The administrators hear at once when Autotask disables the ticket webhook. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(WebhookDeactivated deactivation) {
        send(administrators, "Rotabot: Autotask disabled the ticket webhook", "At " + deactivation.at()
                + " Autotask disabled Rotabot's ticket webhook (" + deactivation.detail()
                + "). No ticket events arrive until it is turned on again in Autotask, or registered anew with "
                + "POST /api/autotask/webhook. Meanwhile the catch-up job still picks tickets up at its interval.\n",
                "the disabled webhook");
    }

    /**
     * Administrators and the organization's subscribers hear once that a pair's password was changed outside
     * Rotabot, and how to reconcile it.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PairOutOfSync drift) {
        TreeSet<String> to = new TreeSet<>(administrators);
        to.addAll(subscribers.of(drift.organizationKey()));
        send(List.copyOf(to), "Rotabot: " + drift.logonName() + " is " + OutOfSync.LABEL,
                "In " + drift.organizationKey() + ", " + drift.logonName() + " and its vault record " + drift.vaultRecordId()
                + " are " + OutOfSync.LABEL + ": " + drift.outOfSync().reason() + ".\n\n"
                + "The directory and the vault may no longer hold the same password. Rotating the pair sets a new one in "
                + "both: POST /api/rotations with {\"rotations\":[{\"organization\":\"" + drift.organizationKey()
                + "\",\"vaultRecordId\":\"" + drift.vaultRecordId() + "\"}]}. Until then the pair is listed by "
                + "GET /api/matches?outOfSync=true.\n", "the pair " + drift.logonName() + " out of sync");
    }

    private void send(List<String> to, String subject, String text, String about) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || to.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not e-mail about {}: {}", about, e.getMessage());
        }
    }

    /** Who hears of a rotation with this status. */
    static List<String> recipients(RotationStatus status, List<String> administrators, List<String> subscribers,
                                   boolean underOrganizationRule) {
        TreeSet<String> to = new TreeSet<>();
        if (status != RotationStatus.SUCCESSFUL) {
            to.addAll(administrators);
        }
        if (status == RotationStatus.FAILED || status == RotationStatus.API_ERROR
                || (status == RotationStatus.SUCCESSFUL && underOrganizationRule)) {
            to.addAll(subscribers);
        }
        return List.copyOf(to);
    }
}
