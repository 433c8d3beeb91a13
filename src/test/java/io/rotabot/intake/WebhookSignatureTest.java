package io.rotabot.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "a-64-character-webhook-secret-as-autotask-allows-it-0123456789ab";
    private static final String BODY = "{\"Action\":\"Create\",\"Guid\":\"5e3c0a4e\",\"EntityType\":\"Ticket\",\"Id\":351181,"
            + "\"Fields\":{\"Title\":\"Can't log in & \\\"locked\\\" <now> + Müller`s PC\"},\"EventTime\":\"2025-09-15T14:57:50Z\"}";

    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void acceptsTheHmacOfTheRawBody() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify("sha1=" + hmac(body), body)).isTrue();
        assertThat(signature.verify(signature.sign(body), body)).isTrue();
    }

    @Test
    void acceptsTheHmacOfTheEscapedBody() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String escaped = "{\"Action\":\"Create\",\"Guid\":\"5e3c0a4e\",\"EntityType\":\"Ticket\",\"Id\":351181,"
                + "\"Fields\":{\"Title\":\"Can\\u0027t log in \\u0026 \\u0022locked\\u0022 \\u003Cnow\\u003E \\u002B M\\u00FCller\\u0060s PC\"},"
                + "\"EventTime\":\"2025-09-15T14:57:50Z\"}";

        assertThat(new String(WebhookSignature.escapeLikeAutotask(body), StandardCharsets.UTF_8)).isEqualTo(escaped);
        assertThat(signature.verify("sha1=" + hmac(escaped.getBytes(StandardCharsets.UTF_8)), body)).isTrue();
    }

    @Test
    void refusesAWrongMissingOrMalformedSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = BODY.replace("351181", "351182").getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify("sha1=" + hmac(body), tampered)).isFalse();
        assertThat(signature.verify(null, body)).isFalse();
        assertThat(signature.verify("", body)).isFalse();
        assertThat(signature.verify(hmac(body), body)).as("without the sha1= prefix").isFalse();
        assertThat(signature.verify("sha256=" + hmac(body), body)).isFalse();
        assertThat(signature.verify("sha1=not base64!", body)).isFalse();
        assertThat(new WebhookSignature("another secret").verify("sha1=" + hmac(body), body)).isFalse();
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
