package io.rotabot.ticketing;

import java.net.URI;
import java.util.List;

/**
 * A ticket webhook as the PSA holds it after registration.
 *
 * @param webhookId the PSA's id of the webhook
 * @param active whether the PSA sends its events
 * @param ready whether the PSA finished setting it up
 * @param subscribedFields the ticket fields whose changes it reports
 */
public record WebhookRegistration(long webhookId, boolean active, boolean ready, List<String> subscribedFields) {

    /**
     * What to register.
     *
     * @param name the webhook's name in the PSA
     * @param webhookUrl where events are posted
     * @param deactivationUrl what the PSA calls when it disables the webhook
     * @param secretKey the shared secret that signs events (at most 64 characters)
     * @param fields the ticket fields to subscribe to (names as the PSA's field list gives them)
     * @param notificationEmail who the PSA tells about failing deliveries; may be empty
     */
    public record Request(String name, URI webhookUrl, URI deactivationUrl, String secretKey, List<String> fields,
                          String notificationEmail) {
    }
}
