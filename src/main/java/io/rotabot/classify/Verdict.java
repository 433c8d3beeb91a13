package io.rotabot.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * What the rules conclude about one ticket; rules call {@link #reset} or {@link #veto}. A veto wins:
 * when any rule says the ticket is about some other password, the bot does not act.
 */
public final class Verdict {

    private final List<String> firedRules = new ArrayList<>();
    private boolean reset;
    private boolean vetoed;

    public void reset(String rule) {
        reset = true;
        firedRules.add(rule);
    }

    public void veto(String rule) {
        vetoed = true;
        firedRules.add(rule);
    }

    Classification toClassification() {
        Intent intent = reset && !vetoed ? Intent.RESET : Intent.NOT_A_RESET;
        return new Classification(intent, List.copyOf(firedRules));
    }
}
