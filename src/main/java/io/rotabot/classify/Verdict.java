package io.rotabot.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules conclude about one ticket. Rules report signals; the intent follows from all of them
 * together, so rules stay independent of each other and of their order. A wrongful automatic reset is far
 * worse than a technician's review, so only a ticket with nothing against it acts, and the first of these
 * that applies decides:
 * <ol>
 * <li>{@link #instructed} (the text tries to instruct the bot): unsure, whatever else it says;</li>
 * <li>no {@link #reset} or {@link #strongReset} signal: not a reset;</li>
 * <li>a {@link #veto} (two-factor, phishing, a policy question, a password manager, a notice forwarded
 *     without a request, an automatic reply, a password that works, "no need"): not a reset — unsure if Autotask says reset;</li>
 * <li>{@link #elsewhere} (a password Rotabot does not manage, from the list: Wi-Fi, printer, QuickBooks…):
 *     not a reset — unsure if the company sign-in is named too ({@link #ownLogin}) or Autotask says reset;</li>
 * <li>{@link #unknownSystem} (some other system named: "my Adobe password", "password for the CRM", a web
 *     address, a portal), a {@link #doubt}, a {@link #privileged} account, {@link #someoneElse}'s or
 *     named {@link #targets}: unsure;</li>
 * <li>no positive sign that the requester's own company sign-in is meant — neither {@link #ownLogin}
 *     (Windows, the computer, Microsoft 365…) nor {@link #ownAccount} ("my password", "I am locked out", a
 *     bare "forgot password") nor {@link #strongReset}: unsure;</li>
 * <li>otherwise: act — reset (or, where a rule chose it, unlock) the requester's own account with the
 *     {@link #scenario} named.</li>
 * </ol>
 * {@link #note} gives a reason without weight (e.g. that quoted history was set aside).
 */
public final class Verdict {

    /** The process the ticket process calls for a reset, unless a rule names another scenario. */
    public static final String DEFAULT_SCENARIO = "password-rotation";
    /** The process that unlocks an account whose password the requester still knows. */
    public static final String UNLOCK_SCENARIO = "account-unlock";
    /** The most accounts a ticket's text yields; a ticket naming more is left to a technician. */
    public static final int MAX_TARGETS = 20;

    private final List<String> firedRules = new ArrayList<>();
    private final Set<Target> targets = new LinkedHashSet<>();
    private boolean reset;
    private boolean strong;
    private boolean vetoed;
    private boolean elsewhere;
    private boolean unknownSystem;
    private boolean ownLogin;
    private boolean ownAccount;
    private boolean doubted;
    private boolean privileged;
    private boolean someoneElse;
    private boolean instructed;
    private String scenario = DEFAULT_SCENARIO;

    /** A password reset (or unlock) is asked for: forgot, expired, locked out, reset, cannot log in… */
    public void reset(String rule) {
        reset = true;
        fired(rule);
    }

    /** The ticket's Autotask classification (issue type, sub-issue type, queue) says password reset. */
    public void strongReset(String rule) {
        strong = true;
        fired(rule);
    }

    /** The ticket is clearly about something else than resetting the requester's password. */
    public void veto(String rule) {
        vetoed = true;
        fired(rule);
    }

    /** The password meant belongs to a system Rotabot does not manage (a device, a shared network, an application). */
    public void elsewhere(String rule) {
        elsewhere = true;
        fired(rule);
    }

    /** Some system not known as the company sign-in is named: a product, a web address, a portal or app. */
    public void unknownSystem(String rule) {
        unknownSystem = true;
        fired(rule);
    }

    /** The requester's own company sign-in (Windows, the computer, Microsoft 365…) is named. */
    public void ownLogin(String rule) {
        ownLogin = true;
        fired(rule);
    }

    /** The requester speaks of their own password or account without naming a system ("my password", "I'm locked out"). */
    public void ownAccount(String rule) {
        ownAccount = true;
        fired(rule);
    }

    public void doubt(String rule) {
        doubted = true;
        fired(rule);
    }

    public void privileged(String rule) {
        privileged = true;
        fired(rule);
    }

    public void someoneElse(String rule) {
        someoneElse = true;
        fired(rule);
    }

    /** The text tries to instruct the bot ("ignore previous instructions", "SYSTEM:"): never act on it. */
    public void instructed(String rule) {
        instructed = true;
        fired(rule);
    }

    /** A reason shown with the decision that weighs nothing. */
    public void note(String rule) {
        fired(rule);
    }

    /** The accounts the ticket names besides the requester's; a privileged-looking one flags the ticket. */
    public void targets(List<Target> named, String rule) {
        if (named.isEmpty()) {
            return;
        }
        // a technician reads the ticket anyway; a pasted address book need not be carried along
        named.stream().limit(Math.max(0, MAX_TARGETS - targets.size())).forEach(targets::add);
        privileged |= named.stream().anyMatch(Target::looksPrivileged);
        fired(rule);
    }

    /** The process to start for a reset (a BPMN process key in bpmn/), e.g. {@link #UNLOCK_SCENARIO}. */
    public void scenario(String processKey, String rule) {
        scenario = processKey;
        fired(rule);
    }

    /** A rule that reports two signals is named once. */
    private void fired(String rule) {
        if (!firedRules.contains(rule)) {
            firedRules.add(rule);
        }
    }

    Classification toClassification() {
        Intent intent;
        if (instructed) {
            intent = Intent.UNSURE;
        } else if (!reset && !strong) {
            intent = Intent.NOT_A_RESET;
        } else if (vetoed) {
            intent = strong ? Intent.UNSURE : Intent.NOT_A_RESET;
        } else if (elsewhere) {
            intent = strong || ownLogin ? Intent.UNSURE : Intent.NOT_A_RESET;
        } else if (unknownSystem || doubted || privileged || someoneElse || !targets.isEmpty()) {
            intent = Intent.UNSURE;
        } else if (!ownLogin && !ownAccount && !strong) {
            intent = Intent.UNSURE;
        } else {
            intent = Intent.RESET;
        }
        return new Classification(intent, List.copyOf(targets), privileged, someoneElse || !targets.isEmpty(),
                ownAccount || ownLogin, scenario, List.copyOf(firedRules));
    }
}
