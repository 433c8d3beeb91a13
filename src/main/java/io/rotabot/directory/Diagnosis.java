package io.rotabot.directory;

import io.rotabot.VendorText;
import java.util.List;

/**
 * The step-by-step check of one directory connection, in words a technician can act on.
 *
 * @param organizationKey the organization
 * @param target the server that was checked
 * @param steps the steps in order; after the first failure the rest are skipped
 */
public record Diagnosis(String organizationKey, String target, List<Step> steps) {

    public boolean healthy() {
        return steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }

    public enum Outcome {
        PASSED,
        WARNING,
        FAILED,
        SKIPPED
    }

    /**
     * @param name what was checked
     * @param outcome how it went
     * @param detail what was found; cleaned ({@link VendorText}), as it quotes servers, certificates and exceptions
     * @param advice what to do about it; empty when nothing is needed
     */
    public record Step(String name, Outcome outcome, String detail, String advice) {

        public Step {
            detail = VendorText.clean(detail);
        }
    }
}
