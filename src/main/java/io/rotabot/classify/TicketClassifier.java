package io.rotabot.classify;

import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Classifies tickets with the Drools rule base compiled from the {@code *.drl} files of the rules
 * folder. The rule base is built once and shared; each ticket gets its own stateless session.
 */
@Service
public class TicketClassifier {

    private static final Logger log = LoggerFactory.getLogger(TicketClassifier.class);

    private final Tickets tickets;
    private final KieBase rules;

    TicketClassifier(Tickets tickets, @Value("${rotabot.classify.rules-dir:rules}") Path rulesDir) {
        this.tickets = tickets;
        this.rules = compile(rulesDir);
    }

    /** Classifies the ticket as the last fetch stored it. */
    public Classification classifyTicket(long ticketId) {
        TicketSnapshot snapshot = tickets.snapshot(ticketId)
                .orElseThrow(() -> new IllegalStateException("Ticket " + ticketId + " has not been fetched"));
        return classify(new TicketFacts(snapshot.ticket().title(), snapshot.ticket().description()));
    }

    public Classification classify(TicketFacts facts) {
        return classify(rules, facts);
    }

    static Classification classify(KieBase rules, TicketFacts facts) {
        StatelessKieSession session = rules.newStatelessKieSession();
        Verdict verdict = new Verdict();
        session.execute(List.of(facts, verdict));
        return verdict.toClassification();
    }

    static KieBase compile(Path rulesDir) {
        List<Path> files = ruleFiles(rulesDir);
        KieServices kie = KieServices.Factory.get();
        KieFileSystem sources = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("io.rotabot", "ticket-rules", "1.0.0");
        sources.generateAndWritePomXML(release);
        for (Path file : files) {
            try {
                sources.write("src/main/resources/rules/" + file.getFileName(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read rule file " + file, e);
            }
        }
        KieBuilder builder = kie.newKieBuilder(sources).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleBaseException("The rules in " + rulesDir.toAbsolutePath() + " do not compile:\n" + errors.stream()
                    .map(m -> "  " + m.getPath() + " line " + m.getLine() + ": " + m.getText())
                    .collect(Collectors.joining("\n")));
        }
        KieBase base = kie.newKieContainer(release).getKieBase();
        log.info("Rule base compiled from {} file(s) in {}", files.size(), rulesDir.toAbsolutePath());
        return base;
    }

    private static List<Path> ruleFiles(Path rulesDir) {
        try (Stream<Path> listing = Files.list(rulesDir)) {
            List<Path> files = listing.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList();
            if (files.isEmpty()) {
                throw new RuleBaseException("No *.drl rule files in " + rulesDir.toAbsolutePath());
            }
            return files;
        } catch (IOException e) {
            throw new RuleBaseException("Cannot list the rules folder " + rulesDir.toAbsolutePath() + ": " + e);
        }
    }
}
