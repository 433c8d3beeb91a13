package io.rotabot.classify;

import io.rotabot.ticketing.Ticket;
import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
 * Classifies tickets with the Drools rule base compiled from the {@code *.drl} files and the
 * {@code keywords.yaml} of the rules folder. The rule base is built once and shared; each ticket gets
 * its own stateless session. {@link #reload()} builds a new one and swaps it in only if it compiles and
 * classifies a probe ticket; otherwise the old one keeps serving and the errors come back.
 */
@Service
public class TicketClassifier {

    private static final Logger log = LoggerFactory.getLogger(TicketClassifier.class);
    private static final TicketFacts PROBE = new TicketFacts("Forgot my password", "I forgot my password.");

    private final Tickets tickets;
    private final Path rulesDir;
    private final AtomicReference<RuleBase> current = new AtomicReference<>();

    TicketClassifier(Tickets tickets, @Value("${rotabot.classify.rules-dir:rules}") Path rulesDir) {
        this.tickets = tickets;
        this.rulesDir = rulesDir;
        this.current.set(compile(rulesDir));
    }

    /** Classifies the ticket as the last fetch stored it. */
    public Classification classifyTicket(long ticketId) {
        TicketSnapshot snapshot = tickets.snapshot(ticketId)
                .orElseThrow(() -> new IllegalStateException("Ticket " + ticketId + " has not been fetched"));
        Ticket ticket = snapshot.ticket();
        return classify(new TicketFacts(ticket.title(), ticket.description(), ticket.category().issueType(),
                ticket.category().subIssueType(), ticket.category().queueId(), ticket.category().source(),
                snapshot.requesterName(), snapshot.requesterEmail().orElse(""), Long.toString(ticket.companyId())));
    }

    /** The decision for these facts, acting on nothing: also the dry-run for workflow designers. */
    public Classification classify(TicketFacts facts) {
        return current.get().classify(facts);
    }

    /** Compiles the rules folder again and swaps the new rule base in; on errors the old one stays. */
    public RuleBase.Summary reload() {
        RuleBase fresh = compile(rulesDir);
        RuleBase old = current.getAndSet(fresh);
        // sessions already open on the old base finish on it; the repository need not keep it
        KieServices.Factory.get().getRepository().removeKieModule(old.release);
        log.info("Rule base reloaded: {}", fresh.summary());
        return fresh.summary();
    }

    /** What the rule base in service was built from. */
    public RuleBase.Summary summary() {
        return current.get().summary();
    }

    static RuleBase compile(Path rulesDir) {
        List<Path> files = ruleFiles(rulesDir);
        Keywords keywords = Keywords.read(rulesDir);
        KieServices kie = KieServices.Factory.get();
        KieFileSystem sources = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("io.rotabot", "ticket-rules", Long.toString(System.nanoTime()));
        sources.generateAndWritePomXML(release);
        List<RuleBaseException.Problem> unknownLists = new ArrayList<>();
        for (Path file : files) {
            try {
                String drl = Files.readString(file);
                unknownLists.addAll(keywords.missingIn(file.getFileName().toString(), drl));
                sources.write("src/main/resources/rules/" + file.getFileName(), drl);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read rule file " + file, e);
            }
        }
        if (!unknownLists.isEmpty()) {
            throw new RuleBaseException("The rules in " + rulesDir.toAbsolutePath() + " ask for keyword lists that do not exist",
                    unknownLists);
        }
        KieBuilder builder = kie.newKieBuilder(sources).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<RuleBaseException.Problem> problems = new ArrayList<>();
            for (Message error : errors) {
                String path = error.getPath() == null ? "" : Path.of(error.getPath()).getFileName().toString();
                problems.add(new RuleBaseException.Problem(path, error.getLine(), error.getText().strip()));
            }
            throw new RuleBaseException("The rules in " + rulesDir.toAbsolutePath() + " do not compile", problems);
        }
        KieBase base = kie.newKieContainer(release).getKieBase();
        RuleBase rules = new RuleBase(base, release, keywords, new RuleBase.Summary(files.stream().map(f -> f.getFileName().toString()).toList(),
                base.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum()));
        try {
            rules.classify(PROBE);
        } catch (RuntimeException e) {
            throw new RuleBaseException("The rules in " + rulesDir.toAbsolutePath() + " compile but fail on a ticket: "
                    + (e.getCause() instanceof RuleBaseException missing ? missing.getMessage() : e.getMessage()));
        }
        log.info("Rule base compiled: {}", rules.summary());
        return rules;
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

    /** One compiled rule base with the keywords it was built with; shared, each ticket its own session. */
    public static final class RuleBase {

        private final KieBase base;
        private final ReleaseId release;
        private final Keywords keywords;
        private final Summary summary;

        RuleBase(KieBase base, ReleaseId release, Keywords keywords, Summary summary) {
            this.base = base;
            this.release = release;
            this.keywords = keywords;
            this.summary = summary;
        }

        Classification classify(TicketFacts facts) {
            StatelessKieSession session = base.newStatelessKieSession();
            session.setGlobal("keywords", keywords);
            Verdict verdict = new Verdict();
            session.execute(List.of(facts, verdict));
            return verdict.toClassification();
        }

        Summary summary() {
            return summary;
        }

        /**
         * @param files the rule files compiled
         * @param rules how many rules they hold
         */
        public record Summary(List<String> files, int rules) {
        }
    }
}
