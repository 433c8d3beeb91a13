package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shipped rules against the labelled corpus (src/test/resources/classify/corpus.yaml): precision and
 * recall of "reset" must stay at or above 0.98 and 0.92, and every labelled target and privilege must be
 * found. Prints the confusion matrix and every ticket classified otherwise than labelled.
 */
class ClassificationCorpusTest {

    static final List<Map<String, Object>> CORPUS = corpus();
    private static final TicketClassifier.RuleBase RULES = TicketClassifier.compile(Path.of("rules"));

    @Test
    void resetIsPreciseAndFindsNearlyAll() {
        Map<Intent, Map<Intent, Integer>> matrix = new EnumMap<>(Intent.class);
        for (Intent labelled : Intent.values()) {
            matrix.put(labelled, new EnumMap<>(Intent.class));
            for (Intent decided : Intent.values()) {
                matrix.get(labelled).put(decided, 0);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> ticket : CORPUS) {
            Intent labelled = label(ticket);
            Classification decision = RULES.classify(facts(ticket));
            matrix.get(labelled).merge(decision.intent(), 1, Integer::sum);
            if (decision.intent() != labelled) {
                wrong.add(ticket.get("id") + " labelled " + labelled + ", decided " + decision.intent() + " " + decision.firedRules()
                        + ": " + ticket.get("title"));
            }
        }
        int truePositives = matrix.get(Intent.RESET).get(Intent.RESET);
        int decidedReset = matrix.values().stream().mapToInt(row -> row.get(Intent.RESET)).sum();
        int labelledReset = matrix.get(Intent.RESET).values().stream().mapToInt(Integer::intValue).sum();
        double precision = truePositives / (double) decidedReset;
        double recall = truePositives / (double) labelledReset;

        StringBuilder report = new StringBuilder(String.format("%n%d tickets; rows labelled, columns decided%n%-12s", CORPUS.size(), ""));
        for (Intent decided : Intent.values()) {
            report.append(String.format("%12s", decided));
        }
        for (Intent labelled : Intent.values()) {
            report.append(String.format("%n%-12s", labelled));
            for (Intent decided : Intent.values()) {
                report.append(String.format("%12d", matrix.get(labelled).get(decided)));
            }
        }
        report.append(String.format("%nreset: precision %.3f, recall %.3f%n", precision, recall));
        wrong.forEach(w -> report.append("  ").append(w).append('\n'));
        System.out.println(report);

        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(300);
        assertThat(precision).as(report.toString()).isGreaterThanOrEqualTo(0.98);
        assertThat(recall).as(report.toString()).isGreaterThanOrEqualTo(0.92);
    }

    @Test
    void theLabelledTargetsAndPrivilegesAreFound() {
        List<String> missed = new ArrayList<>();
        for (Map<String, Object> ticket : CORPUS) {
            Classification decision = RULES.classify(facts(ticket));
            @SuppressWarnings("unchecked")
            List<String> targets = (List<String>) ticket.getOrDefault("targets", List.of());
            List<String> found = decision.targets().stream().map(Target::value).toList();
            if (!found.containsAll(targets.stream().map(t -> t.contains("@") ? t.toLowerCase(java.util.Locale.ROOT) : t).toList())) {
                missed.add(ticket.get("id") + " targets " + targets + ", found " + found);
            }
            if (Boolean.TRUE.equals(ticket.get("privileged")) && !decision.privileged()) {
                missed.add(ticket.get("id") + " privileged, not flagged");
            }
            if (label(ticket) == Intent.RESET && !decision.targets().isEmpty()) {
                missed.add(ticket.get("id") + " is the requester's own reset, but names " + found);
            }
        }
        assertThat(missed).isEmpty();
    }

    static TicketFacts facts(Map<String, Object> ticket) {
        return new TicketFacts((String) ticket.get("title"), (String) ticket.get("description"), null, null, null, null,
                (String) ticket.getOrDefault("requesterName", "Alice Anders"),
                (String) ticket.getOrDefault("requesterEmail", "alice@acme.test"), "ACME Ltd");
    }

    private static Intent label(Map<String, Object> ticket) {
        return switch ((String) ticket.get("label")) {
            case "reset" -> Intent.RESET;
            case "not-a-reset" -> Intent.NOT_A_RESET;
            case "unsure" -> Intent.UNSURE;
            default -> throw new IllegalArgumentException("Unknown label in " + ticket.get("id"));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> corpus() {
        try (InputStream in = ClassificationCorpusTest.class.getResourceAsStream("/classify/corpus.yaml")) {
            return (List<Map<String, Object>>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (Exception e) {
            throw new IllegalStateException("The corpus cannot be read", e);
        }
    }
}
