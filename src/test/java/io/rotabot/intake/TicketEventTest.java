package io.rotabot.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TicketEventTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsKeysInAnyCaseAndIdsGivenAsStrings() throws Exception {
        TicketEvent event = TicketEvent.parse(json.readTree(
                "{\"action\":\"CREATE\",\"entityType\":\"ticket\",\"ID\":\"351181\",\"eventTime\":\"2025-09-15T14:57:50Z\",\"sequenceNumber\":3}"));

        assertThat(event).isEqualTo(new TicketEvent(351181, "Create", "2025-09-15T14:57:50Z", "3"));
    }

    @Test
    void refusesPayloadsWithoutATicketId() {
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Ticket\"}")))
                .withMessage("Id is required");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Ticket\",\"Id\":-4}")))
                .withMessage("Id must be a positive whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Ticket\",\"Id\":\"1 or 1=1\"}")))
                .withMessage("Id must be a positive whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Ticket\",\"Id\":1.5}")))
                .withMessage("Id must be a positive whole number");
    }

    @Test
    void refusesOtherEntitiesAndActions() {
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"Id\":1}")))
                .withMessage("EntityType is required");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Company\",\"Id\":1}")))
                .withMessage("EntityType must be Ticket, was Company");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("{\"EntityType\":\"Ticket\",\"Id\":1,\"Action\":\"Drop\"}")))
                .withMessage("Action must be Create, Update or Delete, was Drop");
        assertThatIllegalArgumentException().isThrownBy(() -> TicketEvent.parse(json.readTree("[1,2]")))
                .withMessage("the body must be a JSON object");
    }
}
