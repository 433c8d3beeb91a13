package io.rotabot.ticketing.autotask;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.ExternalCalls;
import io.rotabot.ticketing.Contact;
import io.rotabot.ticketing.Ticket;
import io.rotabot.ticketing.CreatedTicket;
import io.rotabot.ticketing.TicketDesk;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.WebhookRegistration;
import io.rotabot.ticketing.autotask.client.ApiClient;
import io.rotabot.ticketing.autotask.client.api.ContactsApi;
import io.rotabot.ticketing.autotask.client.api.TicketNotesApi;
import io.rotabot.ticketing.autotask.client.api.TicketWebhooksApi;
import io.rotabot.ticketing.autotask.client.api.TicketsApi;
import io.rotabot.ticketing.autotask.client.api.WebhookEventErrorLogsApi;
import io.rotabot.ticketing.autotask.client.auth.ApiKeyAuth;
import io.rotabot.ticketing.autotask.client.model.FieldInformation;
import io.rotabot.ticketing.autotask.client.model.OperationResult;
import io.rotabot.ticketing.autotask.client.model.PageDetails;
import io.rotabot.ticketing.autotask.client.model.Query;
import io.rotabot.ticketing.autotask.client.model.QueryFilter;
import io.rotabot.ticketing.autotask.client.model.TicketNoteQueryResult;
import io.rotabot.ticketing.autotask.client.model.TicketQueryResult;
import io.rotabot.ticketing.autotask.client.model.TicketWebhook;
import io.rotabot.ticketing.autotask.client.model.TicketWebhookField;
import io.rotabot.ticketing.autotask.client.model.WebhookEventErrorLog;
import io.rotabot.ticketing.autotask.client.model.WebhookEventErrorLogQueryResult;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** Autotask PSA through the generated REST client, with the three API-user headers on every call. */
@Component
@EnableConfigurationProperties(AutotaskProperties.class)
class AutotaskTicketDesk implements TicketDesk {

    private static final Logger log = LoggerFactory.getLogger(AutotaskTicketDesk.class);
    private static final int PAGE_SIZE = 500;
    private static final ObjectMapper EVENTS = new ObjectMapper();
    /** More pages than this in one catch-up means something is wrong with the paging, not a busy helpdesk. */
    private static final int MAX_PAGES = 200;

    private final ApiClient client;
    private final AutotaskZone zone;
    private final AutotaskCalls calls;
    private final AutotaskProperties properties;

    AutotaskTicketDesk(AutotaskProperties properties, AutotaskCalls calls) {
        this.client = client(properties);
        this.zone = new AutotaskZone(properties, client(properties));
        this.calls = calls;
        this.properties = properties;
    }

    private static ApiClient client(AutotaskProperties properties) {
        // only the fields set go out: a PATCH of the status must not blank the rest of the ticket
        ObjectMapper json = ApiClient.createDefaultMapper(null).setSerializationInclusion(JsonInclude.Include.NON_NULL);
        ApiClient client = new ApiClient(ExternalCalls.restClient(ApiClient.buildRestClientBuilder(json),
                properties.connectTimeout(), properties.readTimeout()), json, ApiClient.createDefaultDateFormat());
        ((ApiKeyAuth) client.getAuthentication("ApiIntegrationCode")).setApiKey(properties.apiIntegrationCode());
        ((ApiKeyAuth) client.getAuthentication("UserName")).setApiKey(properties.username());
        ((ApiKeyAuth) client.getAuthentication("Secret")).setApiKey(properties.secret());
        return client;
    }

    /** Asks for the zone once Rotabot is up, so a wrong API user shows in the log at start-up, not at the first ticket. */
    @EventListener(ApplicationReadyEvent.class)
    void discoverZone() {
        try {
            log.info("Autotask REST root: {}", zone.baseUrl(calls));
        } catch (TicketDeskUnavailableException e) {
            log.warn("Autotask's zone is not known yet, asked again at the first call: {}", e.getMessage());
        }
    }

    @Override
    public Optional<Ticket> ticket(long ticketId) {
        return find("Tickets", "ticket " + ticketId, () -> new TicketsApi(zoned()).getTicket(ticketId).getItem())
                .map(t -> new Ticket(t.getId(), text(t.getTicketNumber()), text(t.getTitle()), text(t.getDescription()),
                        t.getCompanyID() == null ? 0 : t.getCompanyID(),
                        Optional.ofNullable(t.getContactID()).map(Integer::longValue),
                        new Ticket.Category(t.getIssueType(), t.getSubIssueType(), t.getQueueID(), t.getSource())));
    }

    @Override
    public Optional<Contact> contact(long contactId) {
        return find("Contacts", "contact " + contactId, () -> new ContactsApi(zoned()).getContact(contactId).getItem())
                .map(c -> new Contact(c.getId(), c.getCompanyID() == null ? 0 : c.getCompanyID(),
                        text(c.getEmailAddress()).strip(),
                        (text(c.getFirstName()) + " " + text(c.getLastName())).strip(),
                        c.getIsActive() != null && c.getIsActive() != 0));
    }

    /**
     * Looks for the same note (title and text) among the ticket's notes before every try, the first one
     * included: a POST whose answer was lost may have created it, whether the lost answer ends this call's
     * retries or the job's, so the note is posted at most once.
     */
    @Override
    public long addNote(long ticketId, TicketNote note) {
        TicketNotesApi notes = new TicketNotesApi(zoned());
        var body = new io.rotabot.ticketing.autotask.client.model.TicketNote()
                .ticketID(Math.toIntExact(ticketId))
                .title(note.title())
                .description(note.text())
                .noteType(properties.noteType())
                .publish(properties.notePublish());
        try {
            return calls.callUnlessDone("TicketNotes", () -> posted(notes, ticketId, note), () -> {
                OperationResult result = notes.createTicketNote(ticketId, body);
                if (result == null) {
                    throw new TicketDeskUnavailableException("Autotask answered posting a note to ticket " + ticketId
                            + " with an empty body", null);
                }
                return result.getItemId() == null ? 0L : result.getItemId();
            });
        } catch (RestClientException e) {
            throw unavailable("posting a note to ticket " + ticketId, e);
        }
    }

    /** The id of the ticket's note with this title and text, reading every page of its notes. */
    private Optional<Long> posted(TicketNotesApi notes, long ticketId, TicketNote note) {
        TicketNoteQueryResult page = notes.listTicketNotes(ticketId);
        for (int pages = 1; ; pages++) {
            if (page == null) {
                throw new TicketDeskUnavailableException("Autotask answered reading the notes of ticket " + ticketId
                        + " with an empty body", null);
            }
            Optional<Long> found = Optional.ofNullable(page.getItems()).orElse(List.of()).stream()
                    .filter(n -> Objects.equals(n.getTitle(), note.title()) && sameText(n.getDescription(), note.text()))
                    .map(io.rotabot.ticketing.autotask.client.model.TicketNote::getId)
                    .filter(Objects::nonNull).findFirst();
            if (found.isPresent()) {
                log.info("Ticket {} already has this note ({}); not posting it again", ticketId, found.get());
                return found;
            }
            Optional<String> next = nextPage(page.getPageDetails());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            if (pages >= MAX_PAGES) {
                throw new TicketDeskUnavailableException("Autotask kept paging past " + MAX_PAGES + " pages of the notes of ticket "
                        + ticketId, null);
            }
            page = page(next.get(), TicketNoteQueryResult.class);
        }
    }

    /** Plain text as Autotask may hand it back: with Windows line ends, without trailing blanks. */
    private static boolean sameText(String stored, String sent) {
        return stored != null && stored.replace("\r\n", "\n").strip().equals(sent.replace("\r\n", "\n").strip());
    }

    @Override
    public void markOutcome(long ticketId, boolean rotated) {
        Integer status = rotated ? properties.statusOnSuccess() : properties.statusOnFailure();
        if (status == null) {
            return;
        }
        var change = new io.rotabot.ticketing.autotask.client.model.Ticket().id(ticketId).status(status);
        answer("Tickets", "setting the status of ticket " + ticketId, () -> new TicketsApi(zoned()).updateTicket(change));
    }

    @Override
    public List<CreatedTicket> createdSince(Instant since) {
        Query query = new Query().maxRecords(PAGE_SIZE).includeFields(List.of("id", "createDate"))
                .filter(List.of(new QueryFilter().op("gte").field("createDate").value(since.toString())));
        TicketsApi tickets = new TicketsApi(zoned());
        List<CreatedTicket> found = new ArrayList<>();
        TicketQueryResult page = answer("Tickets", "querying tickets created since " + since, () -> tickets.queryTickets(query));
        for (int pages = 1; ; pages++) {
            for (var ticket : Optional.ofNullable(page.getItems()).orElse(List.of())) {
                if (ticket.getId() != null && ticket.getId() > 0) {
                    OffsetDateTime created = ticket.getCreateDate() != null ? ticket.getCreateDate() : since.atOffset(ZoneOffset.UTC);
                    found.add(new CreatedTicket(ticket.getId(), created.toInstant()));
                }
            }
            Optional<String> next = nextPage(page.getPageDetails());
            if (next.isEmpty()) {
                break;
            }
            if (pages >= MAX_PAGES) {
                throw new TicketDeskUnavailableException("Autotask kept paging past " + MAX_PAGES + " pages of "
                        + PAGE_SIZE + " tickets created since " + since, null);
            }
            page = answer("Tickets", "reading the next page of tickets created since " + since,
                    () -> page(next.get(), TicketQueryResult.class));
        }
        found.sort(Comparator.comparing(CreatedTicket::created));
        return found;
    }

    @Override
    public List<Long> undeliveredSince(Instant since) {
        Query query = new Query().maxRecords(PAGE_SIZE)
                .filter(List.of(new QueryFilter().op("gte").field("createDateTime").value(since.toString())));
        WebhookEventErrorLogQueryResult page;
        try {
            page = calls.call("WebhookEventErrorLogs",
                    () -> new WebhookEventErrorLogsApi(zoned()).queryWebhookEventErrorLogs(query));
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status == 401 || status == 403 || status == 404 || status == 405) {
                log.debug("The API user may not read Autotask's webhook error log ({})", ExternalCalls.describe(e));
                return List.of();
            }
            throw unavailable("reading Autotask's webhook error log", e);
        } catch (RestClientException e) {
            throw unavailable("reading Autotask's webhook error log", e);
        }
        return Optional.ofNullable(page.getItems()).orElse(List.of()).stream()
                .filter(entry -> entry.getEntityType() == null || "ticket".equalsIgnoreCase(entry.getEntityType().strip()))
                .filter(AutotaskTicketDesk::isCreation)
                .map(WebhookEventErrorLog::getEntityID).filter(Objects::nonNull).filter(id -> id > 0)
                .distinct().toList();
    }

    /** Whether the dropped delivery was a ticket's creation; its payload is the event as it would have come. */
    private static boolean isCreation(WebhookEventErrorLog entry) {
        try {
            JsonNode event = EVENTS.readTree(entry.getPayload() == null ? "" : entry.getPayload());
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) event::fields) {
                if (field.getKey().equalsIgnoreCase("action")) {
                    return field.getValue().asText().equalsIgnoreCase("create");
                }
            }
        } catch (Exception unreadable) {
            log.debug("An entry of the webhook error log has no readable payload: {}", unreadable.getMessage());
        }
        return false;
    }

    @Override
    public WebhookRegistration registerWebhook(WebhookRegistration.Request request) {
        TicketWebhooksApi webhooks = new TicketWebhooksApi(zoned());
        TicketWebhook webhook = new TicketWebhook().name(request.name())
                .webhookUrl(request.webhookUrl().toString()).deactivationUrl(request.deactivationUrl().toString())
                .secretKey(request.secretKey()).isActive(true)
                .isSubscribedToCreateEvents(true).isSubscribedToUpdateEvents(true).isSubscribedToDeleteEvents(false)
                .sendThresholdExceededNotification(!request.notificationEmail().isBlank())
                .notificationEmailAddress(request.notificationEmail().isBlank() ? null : request.notificationEmail());
        long webhookId = Optional.ofNullable(answer("TicketWebhooks", "creating the ticket webhook",
                () -> webhooks.createTicketWebhook(webhook)).getItemId())
                .orElseThrow(() -> new TicketDeskUnavailableException("Autotask created the webhook but gave no id", null));
        Map<String, Integer> fieldIds = webhookFieldIds(webhooks, webhookId);
        List<String> subscribed = new ArrayList<>();
        for (String field : request.fields()) {
            Integer fieldId = fieldIds.get(field.toLowerCase(Locale.ROOT));
            if (fieldId == null) {
                throw new IllegalArgumentException("Autotask offers no ticket field '" + field + "' to a webhook; it offers "
                        + fieldIds.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            TicketWebhookField subscription = new TicketWebhookField().webhookID(Math.toIntExact(webhookId)).fieldID(fieldId)
                    .isSubscribedField(true).isDisplayAlwaysField(true);
            answer("TicketWebhooks", "subscribing the webhook to " + field,
                    () -> webhooks.createTicketWebhookField(webhookId, subscription));
            subscribed.add(field);
        }
        TicketWebhook created = Optional.ofNullable(answer("TicketWebhooks", "reading the webhook back",
                () -> webhooks.getTicketWebhook(webhookId)).getItem())
                .orElseThrow(() -> new TicketDeskUnavailableException("Autotask does not show webhook " + webhookId, null));
        return new WebhookRegistration(webhookId, Boolean.TRUE.equals(created.getIsActive()),
                Boolean.TRUE.equals(created.getIsReady()), subscribed);
    }

    /** Field name (lower case) → the id a webhook field subscription needs, from the fieldID picklist. */
    private Map<String, Integer> webhookFieldIds(TicketWebhooksApi webhooks, long webhookId) {
        List<FieldInformation> fields = Optional.ofNullable(answer("TicketWebhooks", "reading the fields a webhook may subscribe to",
                () -> webhooks.getTicketWebhookFieldFields(webhookId)).getFields())
                .orElse(List.of());
        return fields.stream().filter(f -> "fieldID".equalsIgnoreCase(f.getName())).findFirst()
                .map(FieldInformation::getPicklistValues).orElse(List.of()).stream()
                .filter(v -> v.getLabel() != null && v.getValue() != null && v.getValue().strip().matches("[0-9]{1,9}"))
                .collect(Collectors.toMap(v -> v.getLabel().strip().toLowerCase(Locale.ROOT),
                        v -> Integer.parseInt(v.getValue().strip()), (a, b) -> a));
    }

    /** The next page's URL, if any; followed only within the zone, since the request carries the secret. */
    private Optional<String> nextPage(PageDetails details) {
        String next = details == null ? null : details.getNextPageUrl();
        if (next == null || next.isBlank()) {
            return Optional.empty();
        }
        String base = zone.baseUrl(calls);
        if (!next.startsWith(base + "/")) {
            throw new TicketDeskUnavailableException("Autotask's next page is outside the zone " + base + "; not followed", null);
        }
        return Optional.of(next);
    }

    private <T> T page(String url, Class<T> type) {
        return client.getRestClient().get().uri(URI.create(url))
                .header("ApiIntegrationCode", properties.apiIntegrationCode())
                .header("UserName", properties.username())
                .header("Secret", properties.secret())
                .retrieve().body(type);
    }

    /** The client pointed at the zone, found on first use. */
    private ApiClient zoned() {
        client.setBasePath(zone.baseUrl(calls));
        return client;
    }

    /** Autotask answers 404, or 200 with {"item":null}, for an id it does not have. */
    private <T> Optional<T> find(String endpoint, String what, Supplier<T> request) {
        try {
            return Optional.ofNullable(calls.call(endpoint, request));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            throw unavailable("reading " + what, e);
        } catch (RestClientException e) {
            throw unavailable("reading " + what, e);
        }
    }

    /** One call to an endpoint within Autotask's limits; an error or an empty body says what was being done. */
    private <T> T answer(String endpoint, String what, Supplier<T> request) {
        try {
            T result = calls.call(endpoint, request);
            if (result == null) {
                throw new TicketDeskUnavailableException("Autotask answered " + what + " with an empty body", null);
            }
            return result;
        } catch (RestClientException e) {
            throw unavailable(what, e);
        }
    }

    private static TicketDeskUnavailableException unavailable(String what, RestClientException e) {
        return new TicketDeskUnavailableException(Character.toUpperCase(what.charAt(0)) + what.substring(1)
                + " in Autotask failed: " + ExternalCalls.describe(e), e);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
