package io.rotabot.classify;

import java.util.List;

/**
 * The rules' decision about a ticket.
 *
 * @param intent reset the requester's password, or not
 * @param firedRules the names of the rules that fired, as the reasons
 */
public record Classification(Intent intent, List<String> firedRules) {
}
