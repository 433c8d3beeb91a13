package io.rotabot.intake;

import java.time.Instant;

/**
 * Autotask disabled the ticket webhook (it called the deactivation URL): events stop arriving until
 * someone turns it on again; until then only the catch-up job picks tickets up.
 *
 * @param at when Autotask called
 * @param detail what is known about the call
 */
public record WebhookDeactivated(Instant at, String detail) {
}
