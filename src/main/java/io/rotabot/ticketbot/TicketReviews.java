package io.rotabot.ticketbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rotabot.VendorText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Matches;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A technician's review of a ticket: what the review shows (the ticket, the requester, the organization,
 * each account with its privilege, match and the reasons it waits), and applying the decision — approve
 * per account, pick the account meant among several, decline the rest with a reason. A decision that
 * does not fit the accounts waiting is refused whole, with what to change.
 */
@Service
public class TicketReviews {

    /** Below the 4,000 characters the engine's variable table holds, so a longer one is refused, not a crash. */
    static final int MAX_DECISION = 3_000;
    static final int MAX_REASON = 500;

    private final TicketTargets targets;
    private final Tickets tickets;
    private final Organizations organizations;
    private final Directory directory;
    private final Matches matches;
    private final ObjectMapper json;
    private final String ticketLink;

    TicketReviews(TicketTargets targets, Tickets tickets, Organizations organizations, Directory directory, Matches matches,
                  ObjectMapper json, @Value("${rotabot.ticket-bot.ticket-link:}") String ticketLink) {
        this.targets = targets;
        this.tickets = tickets;
        this.organizations = organizations;
        this.directory = directory;
        this.matches = matches;
        this.json = json;
        this.ticketLink = ticketLink;
    }

    /**
     * What the review shows, as JSON for the review form: {@code {ticketId, ticketNumber, ticketLink,
     * requester, organization, targets: [{position, account, privileged, matched, waits, reason,
     * candidates: [{accountId, name}]}]}}. Names, ids and statuses only; the ticket's text stays in Autotask.
     */
    public String summary(long ticketId) {
        ObjectNode summary = json.createObjectNode();
        Optional<TicketSnapshot> ticket = tickets.snapshot(ticketId);
        summary.put("ticketId", ticketId);
        summary.put("ticketNumber", ticket.map(t -> t.ticket().number()).orElse(""));
        summary.put("ticketLink", ticketLink.replace("{id}", Long.toString(ticketId)));
        summary.put("requester", ticket.map(t -> (t.requesterName() + " <" + t.requesterEmail().orElse("no e-mail") + ">").strip()).orElse(""));
        List<TicketTarget> all = targets.of(ticketId);
        summary.put("organization", all.stream().flatMap(t -> t.organizationKey().stream()).findFirst()
                .flatMap(organizations::byKey).map(Organization::name).orElse("none"));
        ArrayNode list = summary.putArray("targets");
        for (TicketTarget target : all) {
            ObjectNode item = list.addObject();
            item.put("position", target.position());
            item.put("account", target.accountName().isEmpty()
                    ? (target.kind() == TicketTarget.Kind.REQUESTER ? "the requester's account" : "an account the ticket names") : target.accountName());
            item.put("privileged", target.privileged());
            item.put("matched", target.vaultRecordId().isPresent());
            item.put("waits", target.decision() == TicketTarget.Decision.REVIEW);
            item.put("decision", target.decision().name());
            item.put("reason", target.reason());
            ArrayNode candidates = item.putArray("candidates");
            target.candidates().forEach(c -> candidates.addObject().put("accountId", c.accountId()).put("name", c.name()));
        }
        return summary.toString();
    }

    /**
     * Applies a technician's decision, given as {@code {"approve": [positions], "choose": {"position":
     * "accountId"}, "declineReason": "…"}}: each waiting account in {@code approve} (or {@code choose},
     * which also approves) runs; every other waiting account is declined with the reason, which is then
     * required.
     *
     * @throws InvalidReviewException when the decision is malformed or does not fit the waiting accounts
     */
    @Transactional
    public void apply(long ticketId, String decision, String reviewer) {
        JsonNode root = parse(decision);
        Map<Integer, TicketTarget> waiting = new HashMap<>();
        targets.of(ticketId).stream().filter(t -> t.decision() == TicketTarget.Decision.REVIEW)
                .forEach(t -> waiting.put(t.position(), t));
        Set<Integer> approved = new HashSet<>();
        JsonNode approve = root.path("approve");
        if (!approve.isMissingNode() && !approve.isArray()) {
            throw new InvalidReviewException("approve must be a list of account numbers");
        }
        for (JsonNode position : approve) {
            if (!position.isInt()) {
                throw new InvalidReviewException("'" + clean(position.asText(position.toString())) + "' in approve is not an account number");
            }
            approved.add(waitingPosition(position.asInt(), waiting));
        }
        Map<Integer, TicketTarget.Candidate> chosen = new HashMap<>();
        JsonNode choose = root.path("choose");
        if (!choose.isMissingNode() && !choose.isObject()) {
            throw new InvalidReviewException("choose must map an account number to the id of the account picked");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = choose.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pick = it.next();
            int position = waitingPosition(number(pick.getKey()), waiting);
            TicketTarget target = waiting.get(position);
            if (target.candidates().isEmpty()) {
                throw new InvalidReviewException("account " + position + " has no candidates to pick from; approve it instead");
            }
            String accountId = pick.getValue().asText("");
            chosen.put(position, target.candidates().stream().filter(c -> c.accountId().equals(accountId)).findFirst()
                    .orElseThrow(() -> new InvalidReviewException("account " + position + ": pick one of its candidates")));
            approved.add(position);
        }
        for (int position : approved) {
            if (!waiting.get(position).candidates().isEmpty() && !chosen.containsKey(position)) {
                throw new InvalidReviewException("account " + position + " fits several accounts: pick the one meant");
            }
        }
        String reason = clean(root.path("declineReason").asText(""));
        boolean declines = waiting.keySet().stream().anyMatch(p -> !approved.contains(p));
        if (declines && reason.isEmpty()) {
            throw new InvalidReviewException("give a reason for declining the accounts not approved; the ticket's note shows it");
        }
        String who = reviewer == null || reviewer.isBlank() ? "a technician" : reviewer;
        for (TicketTarget target : waiting.values()) {
            if (!approved.contains(target.position())) {
                targets.reviewed(ticketId, target.position(), TicketTarget.Decision.DECLINED, reason, who, Optional.empty());
            } else if (chosen.containsKey(target.position())) {
                approveChosen(target, chosen.get(target.position()), who);
            } else {
                targets.reviewed(ticketId, target.position(), TicketTarget.Decision.APPROVED, "approved by " + who, who, Optional.empty());
            }
        }
    }

    /** The picked account goes through what the guards check besides the review: still there, usable, matched. */
    private void approveChosen(TicketTarget target, TicketTarget.Candidate candidate, String who) {
        String organizationKey = target.organizationKey().orElseThrow();
        Optional<DirectoryAccount> account = directory.account(organizationKey, candidate.accountId());
        Optional<String> record = account.flatMap(a -> matches.approvedRecord(organizationKey, a.id()));
        TicketTarget.Decision decision = TicketTarget.Decision.APPROVED;
        String reason = "picked and approved by " + who;
        if (account.isEmpty()) {
            decision = TicketTarget.Decision.NOT_FOUND;
            reason = "the account no longer exists in the directory";
        } else if (!account.get().usable()) {
            decision = TicketTarget.Decision.REFUSED;
            reason = "the account is disabled or expired in the directory; a ticket does not reset it";
        } else if (record.isEmpty()) {
            decision = TicketTarget.Decision.NOT_MATCHED;
            reason = "the account " + account.get().logonName() + " is not matched to an approved vault record";
        }
        targets.reviewed(target.ticketId(), target.position(), decision, reason, who, Optional.of(candidate));
        targets.resolved(target.ticketId(), target.position(), record, account.map(DirectoryAccount::privileged).orElse(false));
    }

    private JsonNode parse(String decision) {
        if (decision == null || decision.isBlank()) {
            throw new InvalidReviewException("the review holds no decision");
        }
        if (decision.length() > MAX_DECISION) {
            throw new InvalidReviewException("the decision is longer than " + MAX_DECISION + " characters");
        }
        try {
            JsonNode root = json.readTree(decision);
            if (root == null || !root.isObject()) {
                throw new InvalidReviewException("the decision must be a JSON object {approve, choose, declineReason}");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidReviewException("the decision is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int waitingPosition(int position, Map<Integer, TicketTarget> waiting) {
        if (!waiting.containsKey(position)) {
            throw new InvalidReviewException("no account number " + position + " waits for a review; waiting: "
                    + waiting.keySet().stream().sorted().toList());
        }
        return position;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidReviewException("'" + clean(text) + "' in choose is not an account number");
        }
    }

    /**
     * Plain text for the ticket's note: no control or invisible formatting characters (a right-to-left
     * override would disguise the text), no angle brackets a viewer might take for markup, one line, at
     * most MAX_REASON characters.
     */
    static String clean(String reason) {
        String text = VendorText.clean(reason, Integer.MAX_VALUE).replace('<', '‹').replace('>', '›');
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }
}
