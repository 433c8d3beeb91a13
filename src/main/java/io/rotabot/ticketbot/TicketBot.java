package io.rotabot.ticketbot;

import io.rotabot.classify.Classification;
import io.rotabot.classify.Intent;
import io.rotabot.classify.Target;
import io.rotabot.classify.TicketClassifier;
import io.rotabot.classify.Verdict;
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.ResetOptions;
import io.rotabot.matching.Matches;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.TicketNotes;
import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the ticket bot does with a ticket the rules took for a request: find every account it asks for
 * in the ticket company's organization only, put each through the guards (the organization's ticket
 * resets switch, disabled or expired accounts, other people's and privileged accounts only after a
 * technician's review, a burst limit), apply the technician's review, and keep each account's outcome
 * for the ticket's one note.
 */
@Service
public class TicketBot {

    /** Titles in front of a surname: "M. Dupont", "Frau Müller", "Sr. García". */
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "m", "mme", "mlle", "herr", "frau",
            "sr", "sra", "srta", "dhr", "mevr", "mevrouw", "meneer", "monsieur", "madame");
    static final int MAX_CANDIDATES = 10;

    private final Tickets tickets;
    private final TicketClassifier classifier;
    private final Organizations organizations;
    private final Directory directory;
    private final Matches matches;
    private final TicketBotPolicies policies;
    private final TicketTargets targets;
    private final ApplicationEventPublisher events;
    private final TicketNotes notes;

    TicketBot(Tickets tickets, TicketClassifier classifier, Organizations organizations, Directory directory, Matches matches,
              TicketBotPolicies policies, TicketTargets targets, ApplicationEventPublisher events, TicketNotes notes) {
        this.notes = notes;
        this.tickets = tickets;
        this.classifier = classifier;
        this.organizations = organizations;
        this.directory = directory;
        this.matches = matches;
        this.policies = policies;
        this.targets = targets;
        this.events = events;
    }

    /**
     * What the process does next with a ticket's accounts.
     *
     * @param review whether some account waits for a technician's review
     * @param runnable how many accounts the scenario runs for without a review (now, or after it if none is reviewed)
     */
    public record Plan(boolean review, int runnable) {
    }

    /**
     * Finds the accounts the ticket asks for — the requester's own, or the ones its text names — in the
     * ticket company's organization, and decides for each whether it runs, waits for a review or is
     * refused. Stored, so that a retried step starts afresh and the review and the note read the same.
     *
     * @param intent the rules' intent ({@link Intent#RESET} or {@link Intent#UNSURE})
     * @throws DirectoryUnavailableException when the directory cannot answer (the job retries)
     */
    @Transactional
    public Plan resolve(long ticketId, Intent intent) {
        TicketSnapshot ticket = tickets.snapshot(ticketId)
                .orElseThrow(() -> new IllegalStateException("Ticket " + ticketId + " has not been fetched"));
        Classification classification = classifier.classifyTicket(ticketId);
        String requester = ticket.requesterEmail().orElse("");
        Optional<Organization> organization = organizations.byAutotaskCompany(ticket.ticket().companyId());
        List<TicketTarget> found = new ArrayList<>();
        Accounts accounts = new Accounts();
        if (organization.isEmpty()) {
            found.add(unresolved(ticketId, 1, TicketTarget.Kind.REQUESTER, requester, Optional.empty(), TicketTarget.Decision.NOT_FOUND,
                    "the ticket's company (" + ticket.ticket().companyId() + ") is not mapped to an organization in Rotabot"));
        } else if (classification.targets().size() >= Verdict.MAX_TARGETS) {
            found.add(unresolved(ticketId, 1, TicketTarget.Kind.NAMED, "", Optional.of(organization.get().key()),
                    TicketTarget.Decision.NOT_FOUND, "the ticket names " + Verdict.MAX_TARGETS
                    + " or more accounts; a request this large is for a technician, so Rotabot acted on none"));
        } else if (classification.targets().isEmpty() && (classification.someoneElse() || classification.privileged()
                || (intent == Intent.UNSURE && !classification.requesterMeant()))) {
            // "reset my colleague's password", "the global admin password", "the password for C. Chen": never the
            // requester's own instead
            found.add(unresolved(ticketId, 1, TicketTarget.Kind.NAMED, "", Optional.of(organization.get().key()),
                    TicketTarget.Decision.NOT_FOUND, "the ticket asks for " + (classification.privileged()
                    ? "an administrator's or a service account" : classification.someoneElse() ? "someone else's account"
                    : "an account") + " without naming one Rotabot can find; a technician must act by hand"));
        } else if (classification.targets().isEmpty()) {
            found.add(requesterTarget(ticketId, organization.get(), requester, accounts));
        } else {
            int position = 1;
            for (Target named : classification.targets()) {
                TicketTarget target = namedTarget(ticketId, position, organization.get(), named, accounts);
                boolean repeated = target.accountId().isPresent()
                        && found.stream().anyMatch(t -> t.accountId().equals(target.accountId()));
                if (!repeated) { // "Jane Roe (jroe)" names one account twice
                    found.add(target);
                    position++;
                }
            }
        }
        List<TicketTarget> guarded = new ArrayList<>();
        int automatic = organization.map(o -> targets.automaticSince(o.key(), ticketId, Instant.now().minus(1, ChronoUnit.HOURS)))
                .orElse(0);
        for (TicketTarget target : found) {
            TicketTarget decided = guard(target, accounts, intent, classification, requester, automatic);
            automatic += decided.decision() == TicketTarget.Decision.ROTATE ? 1 : 0;
            guarded.add(decided);
        }
        targets.replace(ticketId, guarded);
        boolean review = guarded.stream().anyMatch(t -> t.decision() == TicketTarget.Decision.REVIEW);
        return new Plan(review, review ? 0 : (int) guarded.stream().filter(t -> t.decision().runs()).count());
    }

    private TicketTarget requesterTarget(long ticketId, Organization organization, String requester, Accounts accounts) {
        if (requester.isEmpty()) {
            return unresolved(ticketId, 1, TicketTarget.Kind.REQUESTER, "", Optional.of(organization.key()),
                    TicketTarget.Decision.NOT_FOUND, "the ticket has no active contact of its company with an e-mail address");
        }
        Optional<DirectoryAccount> account = directory.findByEmail(organization.key(), requester);
        if (account.isEmpty()) {
            return unresolved(ticketId, 1, TicketTarget.Kind.REQUESTER, requester, Optional.of(organization.key()),
                    TicketTarget.Decision.NOT_FOUND, "no single account with the address " + requester + " in "
                    + organization.name() + "'s directory");
        }
        return found(ticketId, 1, TicketTarget.Kind.REQUESTER, requester, organization, accounts.seen(account.get()));
    }

    /** An account the ticket names: an address, DOMAIN\\user or a user name, or a person's name. */
    private TicketTarget namedTarget(long ticketId, int position, Organization organization, Target named, Accounts accounts) {
        String as = named.value().length() > 300 ? named.value().substring(0, 300) : named.value();
        List<DirectoryAccount> fitting = switch (named.kind()) {
            case "email" -> directory.findByEmail(organization.key(), named.value()).map(List::of).orElse(List.of());
            case "logon-name" -> byLogonName(accounts.of(organization.key()), named.value());
            default -> byPersonName(accounts.of(organization.key()), named.value());
        };
        if (fitting.size() == 1) {
            return found(ticketId, position, TicketTarget.Kind.NAMED, as, organization, accounts.seen(fitting.get(0)));
        }
        if (fitting.size() > 1) {
            List<TicketTarget.Candidate> candidates = fitting.stream().limit(MAX_CANDIDATES)
                    .map(a -> new TicketTarget.Candidate(a.id(), a.logonName() + (a.displayName().isEmpty() ? "" : " (" + a.displayName() + ")")))
                    .toList();
            return new TicketTarget(ticketId, position, TicketTarget.Kind.NAMED, as, Optional.of(organization.key()), Optional.empty(),
                    "", fitting.stream().anyMatch(DirectoryAccount::privileged), candidates, Optional.empty(), TicketTarget.Decision.REVIEW,
                    fitting.size() + " accounts of " + organization.name() + " fit this name; a technician picks the one meant", Optional.empty(),
                    Optional.empty(), Optional.empty(), "", "");
        }
        if (!named.kind().equals("person") && elsewhere(organization.key(), named)) {
            // told by the domain alone, and the note must not tell one customer who the MSP's other customers are
            String reason = "it is not an account of " + organization.name()
                    + ", the ticket's organization; Rotabot acts only on that organization's accounts";
            events.publishEvent(new TicketTargetRefused(ticketId, organization.key(), reason));
            return unresolved(ticketId, position, TicketTarget.Kind.NAMED, as, Optional.of(organization.key()),
                    TicketTarget.Decision.REFUSED, reason);
        }
        return unresolved(ticketId, position, TicketTarget.Kind.NAMED, as, Optional.of(organization.key()), TicketTarget.Decision.NOT_FOUND,
                "no account of " + organization.name() + "'s directory fits this name");
    }

    /**
     * Whether an address or a DOMAIN\\user the own organization lacks is in another organization's domain,
     * as the last matching sync saw the domains (no directory of another customer is asked).
     */
    private boolean elsewhere(String organizationKey, Target named) {
        String value = named.value();
        String domain = value.contains("@") ? value.substring(value.lastIndexOf('@') + 1)
                : value.contains("\\") ? value.substring(0, value.indexOf('\\')) : "";
        return matches.organizationsOfDomain(domain).stream().anyMatch(other -> !other.equals(organizationKey));
    }

    /** DOMAIN\\user (the domain must be the account's), a UPN, or a bare sAMAccountName. */
    private static List<DirectoryAccount> byLogonName(List<DirectoryAccount> accounts, String value) {
        String domain = "";
        String user = value;
        int slash = value.indexOf('\\');
        if (slash > 0) {
            domain = value.substring(0, slash);
            user = value.substring(slash + 1);
        }
        String wantedDomain = domain;
        String wantedUser = user;
        return accounts.stream()
                .filter(a -> wantedDomain.isEmpty() || wantedDomain.equalsIgnoreCase(a.domain()))
                .filter(a -> wantedUser.equalsIgnoreCase(a.samAccountName()) || wantedUser.equalsIgnoreCase(a.userPrincipalName())
                        || (a.samAccountName().isEmpty() && wantedUser.equalsIgnoreCase(a.username())))
                .toList();
    }

    /**
     * A display name ("Jane Roe", also "Roe, Jane"), or a surname after a title ("M. Dupont"), which may
     * fit several accounts: then a technician picks.
     */
    private static List<DirectoryAccount> byPersonName(List<DirectoryAccount> accounts, String value) {
        List<String> words = new ArrayList<>(List.of(normalized(value).split(" ")));
        words.removeIf(w -> w.isEmpty() || TITLES.contains(w.replace(".", "")));
        if (words.isEmpty()) {
            return List.of();
        }
        String name = String.join(" ", words);
        List<String> reversed = new ArrayList<>(words);
        java.util.Collections.reverse(reversed);
        String backwards = String.join(" ", reversed);
        return accounts.stream().filter(a -> {
            String display = normalized(a.displayName());
            if (words.size() == 1) {
                return display.endsWith(" " + name) || display.equals(name) || name.equalsIgnoreCase(a.samAccountName());
            }
            return display.equals(name) || display.equals(backwards);
        }).toList();
    }

    /**
     * The directory as one ticket reads it: the organization's accounts listed once and only when a name
     * needs them, and each account found kept for the guards, which need not ask for it again.
     */
    private final class Accounts {

        private List<DirectoryAccount> listed;
        private final Map<String, DirectoryAccount> found = new HashMap<>();

        List<DirectoryAccount> of(String organizationKey) {
            if (listed == null) {
                listed = directory.accounts(organizationKey);
            }
            return listed;
        }

        DirectoryAccount seen(DirectoryAccount account) {
            found.put(account.id(), account);
            return account;
        }

        /** An account {@link #seen} before: every target with an account id was made from one. */
        DirectoryAccount found(String accountId) {
            return found.get(accountId);
        }
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("\\s+", " ").strip();
    }

    private TicketTarget found(long ticketId, int position, TicketTarget.Kind kind, String namedAs, Organization organization,
                               DirectoryAccount account) {
        Optional<String> record = matches.approvedRecord(organization.key(), account.id());
        return new TicketTarget(ticketId, position, kind, namedAs, Optional.of(organization.key()), Optional.of(account.id()),
                account.logonName(), account.privileged(), List.of(), record,
                record.isPresent() ? TicketTarget.Decision.ROTATE : TicketTarget.Decision.NOT_MATCHED,
                record.isPresent() ? "found" : "the account " + account.logonName() + " is not matched to an approved vault record",
                Optional.empty(), Optional.empty(), Optional.empty(), "", "");
    }

    private static TicketTarget unresolved(long ticketId, int position, TicketTarget.Kind kind, String namedAs,
                                           Optional<String> organizationKey, TicketTarget.Decision decision, String reason) {
        return new TicketTarget(ticketId, position, kind, namedAs, organizationKey, Optional.empty(), "", false, List.of(),
                Optional.empty(), decision, reason, Optional.empty(), Optional.empty(), Optional.empty(), "", "");
    }

    /**
     * The guards, in order: the organization's switch; an account that cannot sign in; then review for an
     * unsure ticket, a privileged account (whoever asks), someone else's account (unless the requester is
     * an authorised contact), and the burst limit. A found, matched account that passes them all runs.
     */
    private TicketTarget guard(TicketTarget target, Accounts accounts, Intent intent, Classification classification,
                               String requester, int automaticThisHour) {
        if (target.organizationKey().isEmpty() || target.decision() == TicketTarget.Decision.NOT_FOUND
                || target.decision() == TicketTarget.Decision.REFUSED) {
            return target;
        }
        String organizationKey = target.organizationKey().get();
        TicketBotSettings settings = policies.effectiveFor(organizationKey);
        if (!settings.ticketResets()) {
            return with(target, TicketTarget.Decision.REFUSED, "ticket resets are turned off for this organization");
        }
        if (target.decision() == TicketTarget.Decision.NOT_MATCHED || target.accountId().isEmpty()) {
            return target; // not matched, or several candidates: already decided
        }
        DirectoryAccount account = accounts.found(target.accountId().get());
        if (!account.usable()) {
            return with(target, TicketTarget.Decision.REFUSED, "the account is " + (account.enabled() ? "expired" : "disabled")
                    + " in the directory; a ticket does not reset it");
        }
        List<String> reasons = new ArrayList<>();
        if (account.privileged()) {
            reasons.add("a privileged account (" + account.privilege().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        if (target.kind() == TicketTarget.Kind.NAMED && !settings.authorises(requester)) {
            reasons.add("someone else's account, asked for by " + (requester.isEmpty() ? "an unknown requester" : requester));
        }
        if (automaticThisHour >= settings.resetsPerHour()) {
            reasons.add("more than " + settings.resetsPerHour() + " ticket resets in this organization in the last hour");
        }
        if (reasons.isEmpty() && intent == Intent.UNSURE) {
            // only when nothing plainer explains the review: the ticket's note shows it, and the rules that fired are
            // for the technician (the review form shows them)
            reasons.add("the request is not clear enough to act on without a technician");
        }
        return reasons.isEmpty() ? target : with(target, TicketTarget.Decision.REVIEW, String.join("; ", reasons));
    }

    private static TicketTarget with(TicketTarget target, TicketTarget.Decision decision, String reason) {
        return new TicketTarget(target.ticketId(), target.position(), target.kind(), target.namedAs(), target.organizationKey(),
                target.accountId(), target.accountName(), target.privileged(), target.candidates(), target.vaultRecordId(), decision,
                reason, target.reviewedBy(), target.rotationId(), target.outcomeStatus(), target.outcomeReason(), target.vaultRecordUrl());
    }

    /** The ticket's accounts, in the order the ticket named them. */
    public List<TicketTarget> targets(long ticketId) {
        return targets.of(ticketId);
    }

    /** The index-th account the scenario runs for (0-based, in the order named). */
    public TicketTarget runnable(long ticketId, int index) {
        List<TicketTarget> runnable = targets.of(ticketId).stream().filter(t -> t.decision().runs()).toList();
        if (index < 0 || index >= runnable.size()) {
            throw new IllegalStateException("Ticket " + ticketId + " has " + runnable.size() + " accounts to act on, not " + (index + 1));
        }
        return runnable.get(index);
    }

    /** How many accounts the scenario runs for now. */
    public int runnableCount(long ticketId) {
        return (int) targets.of(ticketId).stream().filter(t -> t.decision().runs()).count();
    }

    /** What a ticket's reset does besides the password, per the organization's settings. */
    public ResetOptions resetOptions(String organizationKey) {
        TicketBotSettings settings = policies.effectiveFor(organizationKey);
        return new ResetOptions(settings.unlockOnReset(), settings.mustChangeAtNextLogon());
    }

    /** How long a review waits, as an ISO-8601 duration for the process's timer. */
    public String reviewTimeout() {
        return policies.reviewTimeout().toString();
    }

    /** Records what the scenario did for the account. */
    public void recordOutcome(long ticketId, int position, Optional<String> rotationId, String status, String reason,
                              String vaultRecordUrl) {
        targets.outcome(ticketId, position, rotationId, status == null ? "" : status, reason == null ? "" : reason,
                vaultRecordUrl == null ? "" : vaultRecordUrl);
    }

    /** Nobody reviewed the ticket in time: the accounts that waited are not acted on. */
    @Transactional
    public void reviewTimedOut(long ticketId) {
        for (TicketTarget target : targets.of(ticketId)) {
            if (target.decision() == TicketTarget.Decision.REVIEW) {
                targets.decided(ticketId, target.position(), TicketTarget.Decision.NOT_REVIEWED,
                        "nobody reviewed the request within " + policies.reviewTimeout().toHours() + " hours");
            }
        }
    }

    /**
     * Ends the lockout of a matched account, for the account unlock scenario; the password is not touched.
     * The audit trail hears of it ({@link AccountUnlockReported}).
     *
     * @return the outcome as a status label ("Successful", "Not Permitted", "Failed") and a reason
     * @throws DirectoryUnavailableException when the directory cannot answer (the job retries)
     */
    public Outcome unlock(long ticketId, String organizationKey, String accountId) {
        Optional<DirectoryAccount> account = directory.account(organizationKey, accountId);
        Outcome outcome = unlock(account);
        events.publishEvent(new AccountUnlockReported(ticketId, organizationKey, account.map(DirectoryAccount::logonName).orElse(accountId),
                outcome.status(), outcome.reason()));
        return outcome;
    }

    private Outcome unlock(Optional<DirectoryAccount> account) {
        if (account.isEmpty()) {
            return new Outcome("Failed", "the account no longer exists in the directory");
        }
        if (!account.get().usable()) {
            return new Outcome("Not Permitted", "the account is " + (account.get().enabled() ? "expired" : "disabled")
                    + " in the directory; unlocking would not let the person sign in");
        }
        AccountUnlock unlock = directory.unlock(account.get());
        return switch (unlock.result()) {
            case UNLOCKED -> new Outcome("Successful", "the account was unlocked; its password was not changed");
            case WAS_NOT_LOCKED -> new Outcome("Successful", "the account was not locked out; nothing was changed");
            case NOT_PERMITTED, UNSUPPORTED -> new Outcome("Not Permitted", unlock.detail());
            case ACCOUNT_GONE -> new Outcome("Failed", unlock.detail());
        };
    }

    /** Tells the ticket that a technician reviews it, naming each account that waits and why. */
    public long announceReview(long ticketId) {
        List<TicketTarget> waiting = targets.of(ticketId).stream().filter(t -> t.decision() == TicketTarget.Decision.REVIEW).toList();
        TicketNote note = notes.compose(waiting.stream().map(t -> TicketNote.Outcome.REVIEW).toList(),
                waiting.stream().map(TicketBot::values).toList());
        return tickets.addNote(ticketId, note);
    }

    /**
     * The ticket's one answer: a note naming every account it asked for and its outcome, and the ticket
     * status configured for the outcome (success only when every account was carried out).
     */
    public long answer(long ticketId) {
        List<TicketTarget> all = targets.of(ticketId);
        List<TicketNote.Outcome> outcomes = all.stream().map(TicketBot::outcome).toList();
        long noteId = tickets.addNote(ticketId, notes.compose(outcomes, all.stream().map(TicketBot::values).toList()));
        tickets.markOutcome(ticketId, outcomes.stream().allMatch(o -> o == TicketNote.Outcome.ROTATED || o == TicketNote.Outcome.UNLOCKED));
        return noteId;
    }

    /**
     * What a ticket's note says of an account whose rotation (or, {@code rotated} false, unlock) ended in
     * this status: reset, unlocked, waiting, not permitted, or not reset.
     */
    public static TicketNote.Outcome outcomeOf(RotationStatus status, boolean rotated) {
        return switch (status) {
            case SUCCESSFUL -> rotated ? TicketNote.Outcome.ROTATED : TicketNote.Outcome.UNLOCKED;
            case WAITING_FOR_MINIMUM_AGE -> TicketNote.Outcome.WAITING;
            case NOT_PERMITTED, ADMIN_NOT_PERMITTED, MULTI_TENANT_NOT_PERMITTED -> TicketNote.Outcome.NOT_PERMITTED;
            case FAILED, API_ERROR, IN_PROGRESS, VAULT_UPDATE_PENDING, RECOVERY_NEEDED -> TicketNote.Outcome.FAILED;
        };
    }

    private static TicketNote.Outcome outcome(TicketTarget target) {
        return switch (target.decision()) {
            case ROTATE, APPROVED -> target.outcomeStatus().filter(s -> !s.isEmpty()).map(RotationStatus::byLabel)
                    .map(status -> outcomeOf(status, target.rotationId().isPresent())).orElse(TicketNote.Outcome.FAILED);
            case REVIEW -> TicketNote.Outcome.REVIEW;
            case DECLINED -> TicketNote.Outcome.DECLINED;
            case NOT_REVIEWED -> TicketNote.Outcome.NOT_REVIEWED;
            case REFUSED -> TicketNote.Outcome.REFUSED;
            case NOT_FOUND -> TicketNote.Outcome.NOT_FOUND;
            case NOT_MATCHED -> TicketNote.Outcome.NOT_MATCHED;
        };
    }

    private static Map<String, String> values(TicketTarget target) {
        boolean carriedOut = target.decision().runs() && target.outcomeStatus().isPresent();
        String reason = carriedOut ? target.outcomeReason() : target.reason();
        return Map.of("account", target.shownName().replaceAll("\\s+", " "),
                "status", carriedOut ? target.outcomeStatus().get() : target.decision() == TicketTarget.Decision.REFUSED ? "Not Permitted" : "",
                // the templates end the reason with their own full stop
                "reason", reason.replaceAll("[.\\s]+$", ""),
                "link", target.vaultRecordUrl(),
                "time", "");
    }

    /**
     * What a scenario other than a rotation did for an account.
     *
     * @param status the status label the note reports
     * @param reason in words
     */
    public record Outcome(String status, String reason) {
    }
}
