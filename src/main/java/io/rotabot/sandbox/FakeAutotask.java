package io.rotabot.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.intake.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stateful fake of Autotask's REST API (tickets, contacts, ticket notes) speaking its wire format:
 * the three API-user headers, {@code {"item":…}}, {@code {"items":…,"pageDetails":…}}, {@code {"itemId":N}},
 * {@code {"errors":[…]}}. Creating a ticket through {@code POST /sandbox/tickets} delivers a signed
 * ticket webhook the way Autotask does, a moment after the ticket exists.
 */
@RestController
@Profile("demo")
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class FakeAutotask {

    private static final Logger log = LoggerFactory.getLogger(FakeAutotask.class);
    private static final String API = "/sandbox/autotask/ATServicesRest/V1.0";

    private final Map<Long, Map<String, Object>> companies = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> contacts = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> tickets = new ConcurrentHashMap<>();
    private final Map<Long, List<Map<String, Object>>> notes = new ConcurrentHashMap<>();
    /** Ids keep growing across restarts, as Autotask's do: the demo's database remembers the tickets it saw. */
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() / 1000 % 10_000_000L * 100);
    private final String integrationCode;
    private final String username;
    private final String secret;
    private final WebhookSignature signature;
    private final URI webhookUrl;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    FakeAutotask(@Value("${rotabot.autotask.api-integration-code}") String integrationCode,
                 @Value("${rotabot.autotask.username}") String username,
                 @Value("${rotabot.autotask.secret}") String secret,
                 @Value("${rotabot.autotask.webhook.secret}") String webhookSecret,
                 SandboxProperties properties, ObjectMapper json) {
        this.integrationCode = integrationCode;
        this.username = username;
        this.secret = secret;
        this.signature = new WebhookSignature(webhookSecret);
        this.webhookUrl = properties.webhookUrl();
        this.json = json;
        company(1001, "ACME Ltd");
        company(2002, "Globex Corp");
        contact(301, 1001, "Alice", "Anders", "alice@acme.test");
        contact(302, 1001, "Bob", "Brown", "bob@acme.test");
        contact(303, 1001, "Dave", "Admin", "dave.admin@acme.test");
        contact(304, 1001, "Carol", "Chen", "carol@acme.test");
        contact(305, 1001, "Dan", "Dorsey", "dan@acme.test");
        contact(401, 2002, "Carol", "Clark", "carol@globex.test");
        contact(402, 2002, "Erin", "Nomatch", "erin@globex.test");
    }

    @GetMapping(API + "/Tickets/{id}")
    ResponseEntity<?> ticket(@PathVariable long id, HttpServletRequest request) {
        return authorized(request) ? ResponseEntity.ok(item(tickets.get(id))) : refused();
    }

    @GetMapping(API + "/Contacts/{id}")
    ResponseEntity<?> contact(@PathVariable long id, HttpServletRequest request) {
        return authorized(request) ? ResponseEntity.ok(item(contacts.get(id))) : refused();
    }

    @GetMapping(API + "/Companies/{id}")
    ResponseEntity<?> company(@PathVariable long id, HttpServletRequest request) {
        return authorized(request) ? ResponseEntity.ok(item(companies.get(id))) : refused();
    }

    @PostMapping(value = API + "/Tickets/{ticketId}/Notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> addNote(@PathVariable long ticketId, @RequestBody Map<String, Object> note, HttpServletRequest request) {
        if (!authorized(request)) {
            return refused();
        }
        if (!tickets.containsKey(ticketId)) {
            return errors(HttpStatus.NOT_FOUND, "Ticket " + ticketId + " not found");
        }
        if (!(note.get("description") instanceof String text) || text.isBlank()) {
            return errors(HttpStatus.INTERNAL_SERVER_ERROR, "Description is required");
        }
        long id = ids.incrementAndGet();
        Map<String, Object> stored = new LinkedHashMap<>(note);
        stored.put("id", id);
        stored.put("ticketID", ticketId);
        stored.put("createDateTime", Instant.now().toString());
        notes.computeIfAbsent(ticketId, t -> new CopyOnWriteArrayList<>()).add(stored);
        return ResponseEntity.ok(Map.of("itemId", id));
    }

    @GetMapping(API + "/Tickets/{ticketId}/Notes")
    ResponseEntity<?> notes(@PathVariable long ticketId, HttpServletRequest request) {
        if (!authorized(request)) {
            return refused();
        }
        List<Map<String, Object>> items = notes.getOrDefault(ticketId, List.of());
        return ResponseEntity.ok(onePage(items));
    }

    /** The one query Rotabot sends: tickets created at or after a time ("createDate gte"). */
    @PostMapping(value = API + "/Tickets/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> queryTickets(@RequestBody Map<String, Object> query, HttpServletRequest request) {
        if (!authorized(request)) {
            return refused();
        }
        Instant since;
        try {
            Map<?, ?> filter = (Map<?, ?>) ((List<?>) query.get("filter")).get(0);
            if (!"gte".equals(filter.get("op")) || !"createDate".equals(filter.get("field"))) {
                return errors(HttpStatus.BAD_REQUEST, "The sandbox answers only createDate gte queries");
            }
            since = Instant.parse((String) filter.get("value"));
        } catch (RuntimeException e) {
            return errors(HttpStatus.BAD_REQUEST, "Unreadable query: " + e.getMessage());
        }
        List<Map<String, Object>> items = tickets.values().stream()
                .filter(t -> !Instant.parse((String) t.get("createDate")).isBefore(since)).toList();
        return ResponseEntity.ok(onePage(items));
    }

    /** A query answer that fits on one page. */
    private static Map<String, Object> onePage(List<Map<String, Object>> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("count", items.size());
        page.put("requestCount", 500);
        page.put("prevPageUrl", null);
        page.put("nextPageUrl", null);
        return Map.of("items", items, "pageDetails", page);
    }

    /**
     * The sandbox's "new ticket" button: creates a ticket as the contact with this e-mail address
     * would by writing to the helpdesk, then fires the webhook.
     */
    @PostMapping(value = "/sandbox/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> newTicket(@RequestBody NewTicket request) {
        if (request.contactEmail() == null || request.title() == null || request.title().isBlank()) {
            return errors(HttpStatus.BAD_REQUEST, "contactEmail and title are required");
        }
        Map<String, Object> contact = contacts.values().stream()
                .filter(c -> request.contactEmail().equalsIgnoreCase((String) c.get("emailAddress")))
                .findFirst().orElse(null);
        if (contact == null) {
            return errors(HttpStatus.BAD_REQUEST, "No sandbox contact has the address " + request.contactEmail()
                    + "; known: " + contacts.values().stream().map(c -> c.get("emailAddress")).toList());
        }
        long id = ids.incrementAndGet();
        String number = "T" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "." + String.format("%04d", id % 10000);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", id);
        ticket.put("ticketNumber", number);
        ticket.put("title", request.title());
        ticket.put("description", request.description() == null ? "" : request.description());
        ticket.put("companyID", contact.get("companyID"));
        ticket.put("contactID", contact.get("id"));
        ticket.put("status", 1);
        ticket.put("priority", 2);
        ticket.put("queueID", 29682833);
        ticket.put("source", 4);
        ticket.put("createDate", Instant.now().toString());
        tickets.put(id, ticket);
        deliverWebhook(id, number);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("ticketId", id, "ticketNumber", number));
    }

    /** The demo's view of a ticket: the ticket and the notes posted to it. */
    @GetMapping("/sandbox/tickets/{id}")
    ResponseEntity<?> ticketWithNotes(@PathVariable long id) {
        Map<String, Object> ticket = tickets.get(id);
        if (ticket == null) {
            return errors(HttpStatus.NOT_FOUND, "No sandbox ticket " + id);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ticket", ticket);
        view.put("notes", notes.getOrDefault(id, List.of()));
        return ResponseEntity.ok(view);
    }

    private void deliverWebhook(long ticketId, String number) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Action", "Create");
        event.put("Guid", "5e3c0a4e-6a57-4b1e-9f5b-0c8d8c2e7a11");
        event.put("EntityType", "Ticket");
        event.put("Id", ticketId);
        event.put("Fields", Map.of("TicketNumber", number, "Status", "1"));
        event.put("EventTime", Instant.now().toString());
        event.put("SequenceNumber", 1);
        event.put("PersonID", 30691780);
        CompletableFuture.runAsync(() -> {
            try {
                byte[] body = json.writeValueAsBytes(event);
                HttpRequest post = HttpRequest.newBuilder(webhookUrl)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Hook-Signature", signature.sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                log.info("Sandbox Autotask delivered the webhook of ticket {}: HTTP {}", ticketId, answer.statusCode());
            } catch (Exception e) {
                log.warn("Sandbox Autotask could not deliver the webhook of ticket {}: {}", ticketId, e.toString());
            }
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }

    private boolean authorized(HttpServletRequest request) {
        return integrationCode.equals(request.getHeader("ApiIntegrationCode"))
                && username.equals(request.getHeader("UserName"))
                && secret.equals(request.getHeader("Secret"));
    }

    private static Map<String, Object> item(Map<String, Object> entity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("item", entity);
        return body;
    }

    private static ResponseEntity<?> refused() {
        return errors(HttpStatus.UNAUTHORIZED, "Unable to authenticate the user");
    }

    private static ResponseEntity<?> errors(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("errors", new ArrayList<>(List.of(message))));
    }

    private void company(long id, String name) {
        companies.put(id, new LinkedHashMap<>(Map.of("id", id, "companyName", name, "isActive", true)));
    }

    private void contact(long id, long companyId, String first, String last, String email) {
        contacts.put(id, new LinkedHashMap<>(Map.of("id", id, "companyID", companyId, "firstName", first,
                "lastName", last, "emailAddress", email, "isActive", 1)));
    }

    /**
     * @param contactEmail the requester, one of the sandbox contacts
     * @param title the ticket title
     * @param description the ticket text
     */
    record NewTicket(String contactEmail, String title, String description) {
    }
}
