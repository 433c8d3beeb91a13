package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shipped rules against labelled tickets, in two parts reported apart: the tuned part — {@code
 * classify/corpus.yaml}, written beside the rules, and {@code classify/outside-*.yaml}, written by outsiders who
 * never saw the rules, measured once blind and read since (each file's numbers are also printed on its own;
 * outside-a and -b together measured blind at automatic precision 0.898 / recall 0.589, outside-d — 150 tickets —
 * at 0.938 / 0.718) — and the blind one (any {@code classify/blind-*.yaml}, written by others and never read while the rules were
 * written; skipped when there is none). Labels: {@code reset} (act: reset the
 * requester's own password), {@code unlock} (act: unlock, the requester knows the password), {@code unsure}
 * (a technician decides) and {@code not-a-reset}. An automatic action is right only if it is the labelled one.
 * Per part it prints the confusion matrix, precision and recall of reset, unlock and both, and every ticket
 * classified otherwise; it asserts precision 0.98 and recall 0.92 of the automatic actions on the tuned part,
 * 0.98 and 0.85 on the blind part where there is one, and on the tuned part every labelled privilege, no target
 * named on a ticket labelled the requester's own, and every labelled target of corpus.yaml (the outside files'
 * targets are printed: outsiders labelled first names alone, "my colleague Tom's", that a technician reads anyway).
 */
class ClassificationCorpusTest {

    static final List<Map<String, Object>> OWN = read(folder().resolve("corpus.yaml"));
    /** Each outside-*.yaml file's tickets, by file name. */
    static final Map<String, List<Map<String, Object>>> OUTSIDE_FILES = readEach("outside-.*\\.ya?ml");
    static final List<Map<String, Object>> OUTSIDE = OUTSIDE_FILES.values().stream().flatMap(List::stream).toList();
    /** The tuned part: corpus.yaml and outside-*.yaml together. */
    static final List<Map<String, Object>> CORPUS = Stream.concat(OWN.stream(), OUTSIDE.stream()).toList();
    static final List<Map<String, Object>> BLIND = readAll("blind-.*\\.ya?ml");
    private static final TicketClassifier.RuleBase RULES = TicketClassifier.compile(Path.of("rules"));
    private static final List<String> LABELS = List.of("reset", "unlock", "unsure", "not-a-reset");

    @Test
    void theTunedCorpusIsActedOnPreciselyAndNearlyAllFound() {
        score("tuned, own (corpus.yaml)", OWN, true);
        OUTSIDE_FILES.forEach((file, tickets) -> score("tuned, outside (" + file + ")", tickets, true));
        score("tuned, outside (outside-*.yaml)", OUTSIDE, false);
        Score score = score("tuned, all (corpus.yaml + outside-*.yaml)", CORPUS, false);

        assertThat(OWN).hasSizeGreaterThanOrEqualTo(440);
        assertThat(OUTSIDE).as("outside-*.yaml beside corpus.yaml").hasSizeGreaterThanOrEqualTo(200);
        assertThat(score.precision("reset", "unlock")).as(score.report()).isGreaterThanOrEqualTo(0.98);
        assertThat(score.recall("reset", "unlock")).as(score.report()).isGreaterThanOrEqualTo(0.92);
    }

    @Test
    void theBlindCorpusIsActedOnPreciselyAndMostlyFound() {
        assumeFalse(BLIND.isEmpty(), "no blind-*.yaml beside corpus.yaml");
        Score score = score("blind (blind-*.yaml)", BLIND, true);

        assertThat(score.precision("reset", "unlock")).as(score.report()).isGreaterThanOrEqualTo(0.98);
        assertThat(score.recall("reset", "unlock")).as(score.report()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void theLabelledTargetsAndPrivilegesAreFound() {
        List<String> missed = new ArrayList<>();
        List<String> outsideTargets = new ArrayList<>();
        for (Map<String, Object> ticket : CORPUS) {
            boolean own = OWN.contains(ticket);
            Classification decision = RULES.classify(facts(ticket));
            @SuppressWarnings("unchecked")
            List<String> targets = (List<String>) ticket.getOrDefault("targets", List.of());
            List<String> found = decision.targets().stream().map(Target::value).toList();
            if (!found.containsAll(targets.stream().map(t -> t.contains("@") ? t.toLowerCase(Locale.ROOT) : t).toList())) {
                (own ? missed : outsideTargets).add(ticket.get("id") + " targets " + targets + ", found " + found);
            }
            if (Boolean.TRUE.equals(ticket.get("privileged")) && !decision.privileged()) {
                missed.add(ticket.get("id") + " privileged, not flagged");
            }
            if (List.of("reset", "unlock").contains(ticket.get("label")) && !decision.targets().isEmpty()) {
                missed.add(ticket.get("id") + " is the requester's own, but names " + found);
            }
        }
        // outsiders named people the rules need not find ("my colleague Tom's"): a technician reads those tickets anyway
        System.out.println("\noutside-*.yaml: labelled targets not found (not asserted):\n  " + String.join("\n  ", outsideTargets));
        assertThat(missed).isEmpty();
    }

    static TicketFacts facts(Map<String, Object> ticket) {
        return new TicketFacts((String) ticket.get("title"), (String) ticket.get("description"), null, null, null, null,
                (String) ticket.getOrDefault("requesterName", "Alice Anders"),
                (String) ticket.getOrDefault("requesterEmail", "alice@acme.test"), "ACME Ltd");
    }

    /** What the rules decided, in the corpus's words: reset, unlock, unsure or not-a-reset. */
    static String decided(Classification decision) {
        return switch (decision.intent()) {
            case RESET -> Verdict.UNLOCK_SCENARIO.equals(decision.scenario()) ? "unlock" : "reset";
            case UNSURE -> "unsure";
            case NOT_A_RESET -> "not-a-reset";
        };
    }

    /** @param listed whether the tickets classified otherwise are listed (not again for the sum of listed parts) */
    private static Score score(String part, List<Map<String, Object>> tickets, boolean listed) {
        Score score = new Score(part, listed);
        for (Map<String, Object> ticket : tickets) {
            String label = (String) ticket.get("label");
            if (!LABELS.contains(label)) {
                throw new IllegalArgumentException("Unknown label '" + label + "' in " + ticket.get("id"));
            }
            Classification decision = RULES.classify(facts(ticket));
            String decided = decided(decision);
            score.count(label, decided);
            if (!decided.equals(label)) {
                score.wrong.add(ticket.get("id") + " labelled " + label + ", decided " + decided + " " + decision.firedRules()
                        + ": " + ticket.get("title"));
            }
        }
        System.out.println(score.report());
        return score;
    }

    /** A confusion matrix, rows labelled and columns decided. */
    private static final class Score {

        private final String part;
        private final Map<String, Map<String, Integer>> matrix = new LinkedHashMap<>();
        private final List<String> wrong = new ArrayList<>();
        private final boolean listed;

        Score(String part, boolean listed) {
            this.part = part;
            this.listed = listed;
            for (String labelled : LABELS) {
                matrix.put(labelled, new LinkedHashMap<>());
                LABELS.forEach(decided -> matrix.get(labelled).put(decided, 0));
            }
        }

        void count(String labelled, String decided) {
            matrix.get(labelled).merge(decided, 1, Integer::sum);
        }

        /** Of the tickets decided as one of these actions, the share labelled with the same action; 1 when none was decided. */
        double precision(String... actions) {
            int right = 0;
            int decided = 0;
            for (String action : actions) {
                right += matrix.get(action).get(action);
                for (String labelled : LABELS) {
                    decided += matrix.get(labelled).get(action);
                }
            }
            return decided == 0 ? 1.0 : right / (double) decided;
        }

        /** Of the tickets labelled as one of these actions, the share decided so; 1 when none is labelled so. */
        double recall(String... actions) {
            int right = 0;
            int labelled = 0;
            for (String action : actions) {
                right += matrix.get(action).get(action);
                labelled += matrix.get(action).values().stream().mapToInt(Integer::intValue).sum();
            }
            return labelled == 0 ? 1.0 : right / (double) labelled;
        }

        String report() {
            int total = matrix.values().stream().flatMap(row -> row.values().stream()).mapToInt(Integer::intValue).sum();
            StringBuilder report = new StringBuilder(String.format("%n%s: %d tickets; rows labelled, columns decided%n%-12s", part, total, ""));
            LABELS.forEach(decided -> report.append(String.format("%12s", decided)));
            for (String labelled : LABELS) {
                report.append(String.format("%n%-12s", labelled));
                LABELS.forEach(decided -> report.append(String.format("%12d", matrix.get(labelled).get(decided))));
            }
            report.append(String.format("%nreset:       precision %.3f, recall %.3f", precision("reset"), recall("reset")));
            report.append(String.format("%nunlock:      precision %.3f, recall %.3f", precision("unlock"), recall("unlock")));
            report.append(String.format("%nautomatic:   precision %.3f, recall %.3f%n", precision("reset", "unlock"), recall("reset", "unlock")));
            if (!listed) {
                return report.append(wrong.size()).append(" classified otherwise than labelled (listed above)\n").toString();
            }
            report.append(wrong.isEmpty() ? "no ticket classified otherwise than labelled\n" : "classified otherwise than labelled:\n");
            wrong.forEach(w -> report.append("  ").append(w).append('\n'));
            return report.toString();
        }
    }

    /** The folder of corpus.yaml on the test class path (target/test-classes/classify). */
    private static Path folder() {
        try {
            return Path.of(ClassificationCorpusTest.class.getResource("/classify/corpus.yaml").toURI()).getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("classify/corpus.yaml is not on the test class path", e);
        }
    }

    /** The tickets of the files beside corpus.yaml whose names match, in the order of their names. */
    private static List<Map<String, Object>> readAll(String names) {
        return readEach(names).values().stream().flatMap(List::stream).toList();
    }

    /** The tickets of each file beside corpus.yaml whose name matches, by file name in the order of the names. */
    private static Map<String, List<Map<String, Object>>> readEach(String names) {
        try (Stream<Path> files = Files.list(folder())) {
            Map<String, List<Map<String, Object>>> tickets = new LinkedHashMap<>();
            files.filter(f -> f.getFileName().toString().matches(names)).sorted()
                    .forEach(f -> tickets.put(f.getFileName().toString(), read(f)));
            return Collections.unmodifiableMap(tickets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object tickets = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return tickets == null ? List.of() : List.copyOf((List<Map<String, Object>>) tickets);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The corpus " + file.getFileName() + " cannot be read", e);
        }
    }
}
