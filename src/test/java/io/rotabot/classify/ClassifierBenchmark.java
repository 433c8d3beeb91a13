package io.rotabot.classify;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tickets classified per second on one thread: the shipped rule base over the labelled corpus (a
 * stateless session per ticket, as in production), next to the cheapest possible classifier — one
 * regular expression for "password" and "forgot" — on the same tickets in the same run.
 * {@code mvn -Pbench test}; prints, asserts nothing.
 */
class ClassifierBenchmark {

    private static final int ROUNDS = 60;

    @Test
    void ticketsPerSecondOnOneThread() {
        TicketClassifier.RuleBase rules = TicketClassifier.compile(Path.of("rules"));
        List<Map<String, Object>> corpus = ClassificationCorpusTest.CORPUS;
        Pattern naive = Pattern.compile("(?iu)password.*forgot|forgot.*password", Pattern.DOTALL);

        measure("warm-up", corpus, ticket -> rules.classify(ClassificationCorpusTest.facts(ticket)).intent() == Intent.RESET, 10);
        measure("warm-up", corpus, ticket -> naive.matcher(ticket.get("title") + "\n" + ticket.get("description")).find(), 10);
        double baseline = measure("one regular expression (baseline)", corpus,
                ticket -> naive.matcher(ticket.get("title") + "\n" + ticket.get("description")).find(), ROUNDS);
        double drools = measure("rule base, a stateless session per ticket", corpus,
                ticket -> rules.classify(ClassificationCorpusTest.facts(ticket)).intent() == Intent.RESET, ROUNDS);
        System.out.printf("ratio rule base / baseline: %.3f%n%n", drools / baseline);
    }

    private static double measure(String what, List<Map<String, Object>> corpus, java.util.function.Predicate<Map<String, Object>> classify,
                                  int rounds) {
        int resets = 0;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Map<String, Object> ticket : corpus) {
                if (classify.test(ticket)) {
                    resets++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = rounds * corpus.size() / seconds;
        if (!what.equals("warm-up")) {
            System.out.printf("%-45s %,10.0f tickets/s (%d tickets, %d said reset)%n", what, perSecond, rounds * corpus.size(), resets);
        }
        return perSecond;
    }
}
