package io.rotabot.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules conclude about one ticket. Rules report signals; the intent follows from all of them
 * together, so rules stay independent of each other and of their order:
 * <ul>
 * <li>no {@link #reset} or {@link #strongReset} signal: not a reset;</li>
 * <li>a {@link #veto} (a phone, a phishing report, a leaver…): not a reset;</li>
 * <li>{@link #elsewhere} (another system's password): not a reset — unless the requester's own sign-in is
 *     named too ({@link #ownLogin}), then unsure;</li>
 * <li>the Autotask classification says "password reset" ({@link #strongReset}) against a veto or another
 *     system: unsure;</li>
 * <li>a {@link #doubt}, a privileged target, someone else's account or several targets: unsure;</li>
 * <li>otherwise: reset the requester's own password.</li>
 * </ul>
 */
public final class Verdict {

    /** The process the ticket process calls for a reset, unless a rule names another scenario. */
    public static final String DEFAULT_SCENARIO = "password-rotation";
    static final int MAX_TARGETS = 20;

    private final List<String> firedRules = new ArrayList<>();
    private final Set<Target> targets = new LinkedHashSet<>();
    private boolean reset;
    private boolean strong;
    private boolean vetoed;
    private boolean elsewhere;
    private boolean ownLogin;
    private boolean doubted;
    private boolean privileged;
    private boolean someoneElse;
    private String scenario = DEFAULT_SCENARIO;

    public void reset(String rule) {
        reset = true;
        firedRules.add(rule);
    }

    /** The ticket's Autotask classification (issue type, sub-issue type, queue) says password reset. */
    public void strongReset(String rule) {
        strong = true;
        firedRules.add(rule);
    }

    public void veto(String rule) {
        vetoed = true;
        firedRules.add(rule);
    }

    /** The password meant belongs to another system (a device, a shared network, an application). */
    public void elsewhere(String rule) {
        elsewhere = true;
        firedRules.add(rule);
    }

    /** The requester's own sign-in (Windows, Microsoft 365…) is named. */
    public void ownLogin(String rule) {
        ownLogin = true;
        firedRules.add(rule);
    }

    public void doubt(String rule) {
        doubted = true;
        firedRules.add(rule);
    }

    public void privileged(String rule) {
        privileged = true;
        firedRules.add(rule);
    }

    public void someoneElse(String rule) {
        someoneElse = true;
        firedRules.add(rule);
    }

    /** The accounts the ticket names besides the requester's; a privileged-looking one flags the ticket. */
    public void targets(List<Target> named, String rule) {
        if (named.isEmpty()) {
            return;
        }
        // a technician reads the ticket anyway; a pasted address book need not be carried along
        named.stream().limit(MAX_TARGETS - targets.size()).forEach(targets::add);
        privileged |= named.stream().anyMatch(Target::looksPrivileged);
        firedRules.add(rule);
    }

    /** The process to start for a reset (a BPMN process key in bpmn/). */
    public void scenario(String processKey, String rule) {
        scenario = processKey;
        firedRules.add(rule);
    }

    Classification toClassification() {
        Intent intent;
        if (!reset && !strong) {
            intent = Intent.NOT_A_RESET;
        } else if (vetoed || elsewhere) {
            intent = strong || (elsewhere && !vetoed && ownLogin) ? Intent.UNSURE : Intent.NOT_A_RESET;
        } else if (doubted || privileged || someoneElse || !targets.isEmpty()) {
            intent = Intent.UNSURE;
        } else {
            intent = Intent.RESET;
        }
        return new Classification(intent, List.copyOf(targets), privileged, scenario, List.copyOf(firedRules));
    }
}
