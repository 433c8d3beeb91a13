package io.rotabot.notify;

import io.rotabot.rotation.RotationFinished;
import io.rotabot.rotation.RotationStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.event.TransactionPhase;

/**
 * E-mails the MSP's administrators when a rotation ends in anything but success, so a half-done or
 * refused rotation is seen by a person. Needs {@code spring.mail.host} and {@code rotabot.notify.administrators}.
 */
@Component
class FailureMails {

    private static final Logger log = LoggerFactory.getLogger(FailureMails.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final List<String> administrators;
    private final String from;

    FailureMails(ObjectProvider<JavaMailSender> mail,
                 @Value("${rotabot.notify.administrators:}") List<String> administrators,
                 @Value("${rotabot.notify.from:rotabot@localhost}") String from) {
        this.mail = mail;
        this.administrators = administrators.stream().filter(a -> !a.isBlank()).toList();
        this.from = from;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(RotationFinished finished) {
        JavaMailSender sender = mail.getIfAvailable();
        if (finished.status() == RotationStatus.SUCCESSFUL || administrators.isEmpty() || sender == null) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(administrators.toArray(String[]::new));
        message.setSubject("Rotabot: rotation of " + finished.accountName() + " " + finished.status().label());
        message.setText("Rotation " + finished.rotationId() + " of " + finished.accountName() + " in "
                + finished.organizationKey() + " ended " + finished.status().label() + ".\n\nReason: "
                + finished.reason() + "\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not e-mail administrators about rotation {}: {}", finished.rotationId(), e.getMessage());
        }
    }
}
