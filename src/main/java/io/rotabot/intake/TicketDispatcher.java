package io.rotabot.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands stored events to the ticket process, each in a transaction of its own that also marks it
 * dispatched: what starts on it commits with the mark or not at all, and an event that fails (another
 * node started the ticket's process a moment earlier) is simply tried again on the next round.
 */
@Component
class TicketDispatcher {

    private static final Logger log = LoggerFactory.getLogger(TicketDispatcher.class);
    private static final int BATCH = 200;

    private final TicketInbox inbox;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    TicketDispatcher(TicketInbox inbox, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.inbox = inbox;
        this.events = events;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${rotabot.intake.dispatch-interval:500ms}")
    void dispatch() {
        for (TicketEventReceived event : inbox.undispatched(BATCH)) {
            try {
                transaction.executeWithoutResult(status -> {
                    if (inbox.dispatched(event.eventId())) {
                        events.publishEvent(event);
                    }
                });
            } catch (DataAccessException raced) {
                log.info("Event {} of ticket {} is tried again: {}", event.eventId(), event.ticketId(),
                        raced.getMostSpecificCause().getMessage());
            } catch (RuntimeException failed) {
                log.error("Event {} of ticket {} could not start its process; it is tried again", event.eventId(),
                        event.ticketId(), failed);
            }
        }
    }
}
