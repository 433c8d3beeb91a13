package io.rotabot.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With {@code rotabot.classify.watch=true} (the demo has it): reloads the rule base when a file of the
 * rules folder changes, as POST /api/rules/reload would. A change that does not compile is logged with
 * its files and lines, and the rule base in service stays. Polls modification times, which also works
 * on the network and container file systems where file events do not arrive.
 */
@Component
@ConditionalOnProperty(name = "rotabot.classify.watch", havingValue = "true")
class RulesFolderWatch {

    private static final Logger log = LoggerFactory.getLogger(RulesFolderWatch.class);

    private final TicketClassifier classifier;
    private final Path rulesDir;
    private Map<Path, String> seen;

    RulesFolderWatch(TicketClassifier classifier, @Value("${rotabot.classify.rules-dir:rules}") Path rulesDir) {
        this.classifier = classifier;
        this.rulesDir = rulesDir;
        this.seen = snapshot();
    }

    @Scheduled(fixedDelayString = "${rotabot.classify.watch-interval:2s}")
    void check() {
        Map<Path, String> now = snapshot();
        if (now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            log.info("The rules folder changed; rule base reloaded: {}", classifier.reload());
        } catch (RuleBaseException e) {
            log.error("The rules folder changed but does not compile; the rule base in service stays. {}", e.getMessage());
        }
    }

    private Map<Path, String> snapshot() {
        try (Stream<Path> files = Files.list(rulesDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".drl") || f.getFileName().toString().equals(Keywords.FILE))
                    .collect(Collectors.toMap(f -> f, RulesFolderWatch::modified));
        } catch (IOException e) {
            log.warn("Cannot list the rules folder {}: {}", rulesDir.toAbsolutePath(), e.getMessage());
            return seen == null ? Map.of() : seen;
        }
    }

    /** Time and size: a save within the file system's time resolution still changes the size, mostly. */
    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file) + "/" + Files.size(file);
        } catch (IOException gone) {
            return "gone";
        }
    }
}
