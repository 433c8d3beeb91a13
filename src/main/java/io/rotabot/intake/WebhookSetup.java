package io.rotabot.intake;

import io.rotabot.ticketing.TicketDesk;
import io.rotabot.ticketing.WebhookRegistration;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Registers Rotabot's ticket webhook in Autotask, so an MSP need not click through Autotask's admin
 * pages: the event and deactivation URLs under Rotabot's public address, the configured secret, and
 * the fields whose changes are reported; then reads back whether Autotask has it active and ready.
 */
@Service
public class WebhookSetup {

    private static final Logger log = LoggerFactory.getLogger(WebhookSetup.class);
    static final List<String> DEFAULT_FIELDS = List.of("Status");

    private final TicketDesk desk;
    private final WebhookProperties properties;
    private final WebhookDeactivations deactivations;

    WebhookSetup(TicketDesk desk, WebhookProperties properties, WebhookDeactivations deactivations) {
        this.desk = desk;
        this.properties = properties;
        this.deactivations = deactivations;
    }

    /**
     * @param publicUrl the address Autotask reaches Rotabot at, https (http only for localhost)
     * @param fields ticket fields to subscribe to; empty for the default
     * @param notificationEmail who Autotask tells about failing deliveries; may be empty
     * @throws IllegalArgumentException when the address or an e-mail is unusable
     */
    public WebhookRegistration register(String publicUrl, List<String> fields, String notificationEmail) {
        URI base = publicBase(publicUrl);
        String email = notificationEmail == null ? "" : notificationEmail.strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            throw new IllegalArgumentException("notificationEmail is not an e-mail address");
        }
        List<String> subscribed = fields == null || fields.isEmpty() ? DEFAULT_FIELDS
                : fields.stream().map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        if (subscribed.stream().anyMatch(f -> !f.matches("[A-Za-z][A-Za-z0-9]{0,63}"))) {
            throw new IllegalArgumentException("fields must be Autotask ticket field names such as Status or Title");
        }
        String root = base.toString().replaceAll("/+$", "");
        WebhookRegistration registration = desk.registerWebhook(new WebhookRegistration.Request("Rotabot password resets",
                URI.create(root + "/webhooks/autotask/tickets"),
                URI.create(root + "/webhooks/autotask/deactivated?key=" + new WebhookSignature(properties.secret()).deactivationKey()),
                properties.secret(), subscribed, email));
        deactivations.clear();
        log.info("Ticket webhook {} registered in Autotask for {}: active={}, ready={}", registration.webhookId(), root,
                registration.active(), registration.ready());
        return registration;
    }

    private static URI publicBase(String publicUrl) {
        URI url;
        try {
            url = URI.create(publicUrl == null ? "" : publicUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicUrl is not a URL");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.equals("127.0.0.1");
        if (host.isEmpty() || !("https".equalsIgnoreCase(url.getScheme()) || (local && "http".equalsIgnoreCase(url.getScheme())))) {
            throw new IllegalArgumentException("publicUrl must be an https:// address Autotask can reach, e.g. https://rotabot.msp.example");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("publicUrl must have no query, fragment or user");
        }
        return url;
    }
}
