package io.rotabot.classify;

import java.util.List;

/**
 * The rules' decision about a ticket.
 *
 * @param intent act on the requester's own account with the scenario, not a reset, or unsure (a technician decides)
 * @param targets the accounts the ticket names besides the requester's; empty: the requester's own
 * @param privileged whether an administrator's or a service account seems meant
 * @param someoneElse whether another person's account, or several people's, seems meant — named or not
 *                    ("my colleague's password"): then the requester's own account is not what is asked for
 * @param requesterMeant whether the text speaks of the requester's own password, account or company sign-in
 *                       ("my password", "I am locked out", "my Windows password"); a broad signal, which fires
 *                       beside someone else's account too
 * @param scenario the process (BPMN key) that carries out the action: {@value Verdict#DEFAULT_SCENARIO}, or
 *                 {@value Verdict#UNLOCK_SCENARIO} when the requester is locked out but knows the password
 * @param firedRules the names of the rules that fired, as the reasons
 */
public record Classification(Intent intent, List<Target> targets, boolean privileged, boolean someoneElse,
                             boolean requesterMeant, String scenario, List<String> firedRules) {
}
