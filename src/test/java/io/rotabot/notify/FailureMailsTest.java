package io.rotabot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.rotabot.rotation.RotationFinished;
import io.rotabot.rotation.RotationStatus;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Failure mails through a real SMTP conversation with an in-process server. */
class FailureMailsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void administratorsHearOfEveryRotationThatDidNotSucceed() throws Exception {
        FailureMails mails = mailsTo(List.of("ops@msp.test", "lead@msp.test"));

        mails.on(new RotationFinished("r-1", "acme", "alice@acme.test", RotationStatus.FAILED,
                "directory updated, vault update failed: IT Glue has no password record 5001 any more"));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("Rotabot: rotation of alice@acme.test Failed");
        assertThat(GreenMailUtil.getBody(received[0])).contains("r-1").contains("vault update failed");
    }

    @Test
    void successesAndUnconfiguredRecipientsSendNothing() {
        mailsTo(List.of("ops@msp.test")).on(new RotationFinished("r-2", "acme", "bob@acme.test",
                RotationStatus.SUCCESSFUL, "password set in the directory and stored in the vault"));
        mailsTo(List.of()).on(new RotationFinished("r-3", "acme", "bob@acme.test", RotationStatus.FAILED, "x"));

        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private static FailureMails mailsTo(List<String> administrators) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(ServerSetupTest.SMTP.getPort());
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        return new FailureMails(beans.getBeanProvider(JavaMailSender.class), administrators, "rotabot@msp.test");
    }
}
