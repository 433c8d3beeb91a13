package io.rotabot.classify;

import java.util.List;

/**
 * The rules' decision about a ticket.
 *
 * @param intent reset the requester's own password, not a reset, or unsure (a technician decides)
 * @param targets the accounts the ticket names besides the requester's; empty: the requester's own
 * @param privileged whether an administrator's or a service account seems meant
 * @param scenario the process (BPMN key) that carries out a reset
 * @param firedRules the names of the rules that fired, as the reasons
 */
public record Classification(Intent intent, List<Target> targets, boolean privileged, String scenario,
                             List<String> firedRules) {
}
