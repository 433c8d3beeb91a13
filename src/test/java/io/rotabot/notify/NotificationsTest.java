package io.rotabot.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.policy.RotationSettings;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Opted-in people hear of rotations under their organization's rule, over real SMTP, without a password. */
class NotificationsTest extends EndToEndEnvironment {

    @Autowired
    PasswordRotation rotation;
    @Autowired
    PasswordPolicies policies;
    @Autowired
    Directory directory;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void cleanUp() throws Exception {
        policies.deleteRule("acme");
        api("DELETE", "/api/notifications/subscribers", "{\"email\":\"tech@msp.test\",\"organization\":\"acme\"}", true);
    }

    @Test
    void aSubscriberHearsOfARotationUnderTheOrganizationRuleWithoutThePassword() throws Exception {
        assertThat(api("POST", "/api/notifications/subscribers", "{\"email\":\"not-an-address\",\"organization\":\"acme\"}", true)
                .statusCode()).isEqualTo(400);
        assertThat(api("POST", "/api/notifications/subscribers", "{\"email\":\"tech@msp.test\",\"organization\":\"acme\"}", true)
                .statusCode()).isEqualTo(204);
        policies.saveRule("acme", new RotationSettings(true, 24, true, true, true, true, false, 90, true));
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "5002", "bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
        int before = SMTP.getReceivedMessages().length;

        var done = rotation.rotate(new RotationRequest("mail-" + UUID.randomUUID(), "acme", bob.id(), "5002", Optional.empty(), "test"));

        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .skip(before).filter(m -> GreenMailUtil.getBody(m).contains(done.id())).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("tech@msp.test");
        assertThat(mail.getSubject()).isEqualTo("Rotabot: rotation of bob@acme.test Successful");
        String password = json.readTree(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5002"))).get(0)
                .getBodyAsString()).path("data").path("attributes").path("password").asText();
        assertThat(password).hasSize(24);
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(password);
    }
}
