package io.rotabot.notify;

import io.rotabot.intake.WebhookDeactivated;
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
 * E-mails about rotations, never with a password, and the alert that Autotask disabled the ticket webhook: administrators ({@code rotabot.notify.administrators})
 * hear of every rotation that did not succeed; subscribers of the organization hear of every Failed or
 * API Error, and of every success under the organization's own rule. Needs {@code spring.mail.host}.
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
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return;
        }
        List<String> to = recipients(rotation.status(), administrators, subscribers.of(rotation.organizationKey()),
                policies.rule(rotation.organizationKey()).isPresent());
        if (to.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject("Rotabot: rotation of " + rotation.accountName() + " " + rotation.status().label());
        message.setText("Rotation " + rotation.rotationId() + " of " + rotation.accountName() + " in "
                + rotation.organizationKey() + ": " + rotation.status().label() + ".\n\nReason: " + rotation.reason()
                + "\n\nThe password is in the vault; it is never sent by e-mail.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not e-mail about rotation {}: {}", rotation.rotationId(), e.getMessage());
        }
    }

    /** The administrators hear at once when Autotask disables the ticket webhook. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(WebhookDeactivated deactivation) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || administrators.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(administrators.toArray(String[]::new));
        message.setSubject("Rotabot: Autotask disabled the ticket webhook");
        message.setText("At " + deactivation.at() + " Autotask disabled Rotabot's ticket webhook (" + deactivation.detail()
                + "). No ticket events arrive until it is turned on again in Autotask, or registered anew with "
                + "POST /api/autotask/webhook. Meanwhile the catch-up job still picks tickets up at its interval.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not e-mail about the disabled webhook: {}", e.getMessage());
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
