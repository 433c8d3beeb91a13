package io.rotabot.ticketing.autotask;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.ticketing.Contact;
import io.rotabot.ticketing.Ticket;
import io.rotabot.ticketing.TicketDesk;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.autotask.client.ApiClient;
import io.rotabot.ticketing.autotask.client.api.ContactsApi;
import io.rotabot.ticketing.autotask.client.api.TicketNotesApi;
import io.rotabot.ticketing.autotask.client.api.TicketsApi;
import io.rotabot.ticketing.autotask.client.auth.ApiKeyAuth;
import io.rotabot.ticketing.autotask.client.model.OperationResult;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** Autotask PSA through the generated REST client, with the three API-user headers on every call. */
@Component
@EnableConfigurationProperties(AutotaskProperties.class)
class AutotaskTicketDesk implements TicketDesk {

    private final TicketsApi tickets;
    private final ContactsApi contacts;
    private final TicketNotesApi notes;
    private final AutotaskProperties properties;
    private final Retry retry;

    AutotaskTicketDesk(AutotaskProperties properties, RetryRegistry retries) {
        ApiClient client = new ApiClient(ExternalCalls.restClient(ApiClient.buildRestClientBuilder(),
                properties.connectTimeout(), properties.readTimeout()));
        client.setBasePath(properties.baseUrl().toString().replaceAll("/+$", ""));
        ((ApiKeyAuth) client.getAuthentication("ApiIntegrationCode")).setApiKey(properties.apiIntegrationCode());
        ((ApiKeyAuth) client.getAuthentication("UserName")).setApiKey(properties.username());
        ((ApiKeyAuth) client.getAuthentication("Secret")).setApiKey(properties.secret());
        this.tickets = new TicketsApi(client);
        this.contacts = new ContactsApi(client);
        this.notes = new TicketNotesApi(client);
        this.properties = properties;
        this.retry = ExternalCalls.retry(retries, "autotask", properties.maxAttempts(), properties.firstBackoff(),
                properties.maxWait());
    }

    @Override
    public Optional<Ticket> ticket(long ticketId) {
        return find("ticket " + ticketId, () -> tickets.getTicket(ticketId).getItem())
                .map(t -> new Ticket(t.getId(), text(t.getTicketNumber()), text(t.getTitle()), text(t.getDescription()),
                        t.getCompanyID() == null ? 0 : t.getCompanyID(),
                        Optional.ofNullable(t.getContactID()).map(Integer::longValue)));
    }

    @Override
    public Optional<Contact> contact(long contactId) {
        return find("contact " + contactId, () -> contacts.getContact(contactId).getItem())
                .map(c -> new Contact(c.getId(), c.getCompanyID() == null ? 0 : c.getCompanyID(),
                        text(c.getEmailAddress()).strip(),
                        (text(c.getFirstName()) + " " + text(c.getLastName())).strip(),
                        c.getIsActive() != null && c.getIsActive() != 0));
    }

    @Override
    public long addNote(long ticketId, TicketNote note) {
        var body = new io.rotabot.ticketing.autotask.client.model.TicketNote()
                .ticketID(Math.toIntExact(ticketId))
                .title(note.title())
                .description(note.text())
                .noteType(properties.noteType())
                .publish(properties.notePublish());
        try {
            OperationResult result = Retry.decorateSupplier(retry, () -> notes.createTicketNote(ticketId, body)).get();
            return result.getItemId() == null ? 0 : result.getItemId();
        } catch (RestClientException e) {
            throw new TicketDeskUnavailableException("Posting a note to ticket " + ticketId + " in Autotask failed: "
                    + ExternalCalls.describe(e), e);
        }
    }

    /** Autotask answers 404, or 200 with {"item":null}, for an id it does not have. */
    private <T> Optional<T> find(String what, Supplier<T> request) {
        try {
            return Optional.ofNullable(Retry.decorateSupplier(retry, request).get());
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            throw new TicketDeskUnavailableException("Reading " + what + " from Autotask failed: "
                    + ExternalCalls.describe(e), e);
        } catch (RestClientException e) {
            throw new TicketDeskUnavailableException("Reading " + what + " from Autotask failed: "
                    + ExternalCalls.describe(e), e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
