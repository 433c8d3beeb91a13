package io.rotabot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A ticket webhook payload, checked. Autotask's key casing is not documented, so keys are matched
 * case-insensitively; values may arrive as strings.
 *
 * @param ticketId the ticket ({@code Id})
 * @param action Create, Update or Delete
 * @param eventTime the event time as sent, may be empty
 * @param sequenceNumber the sequence number as sent, may be empty
 */
record TicketEvent(long ticketId, String action, String eventTime, String sequenceNumber) {

    static TicketEvent parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Map<String, JsonNode> fields = new HashMap<>();
        body.fields().forEachRemaining(f -> fields.put(f.getKey().toLowerCase(Locale.ROOT), f.getValue()));
        JsonNode entityType = fields.get("entitytype");
        if (entityType == null || !entityType.isTextual()) {
            throw new IllegalArgumentException("EntityType is required");
        }
        if (!"ticket".equalsIgnoreCase(entityType.asText())) {
            throw new IllegalArgumentException("EntityType must be Ticket, was " + abbreviate(entityType.asText()));
        }
        long id = positiveId(fields.get("id"));
        String action = text(fields.get("action"));
        if (!action.isEmpty() && !action.matches("(?i)create|update|delete")) {
            throw new IllegalArgumentException("Action must be Create, Update or Delete, was " + abbreviate(action));
        }
        return new TicketEvent(id, action.isEmpty() ? "" : capitalize(action), text(fields.get("eventtime")),
                text(fields.get("sequencenumber")));
    }

    private static long positiveId(JsonNode id) {
        if (id == null || id.isNull()) {
            throw new IllegalArgumentException("Id is required");
        }
        String digits = id.isNumber() ? id.asText() : id.isTextual() ? id.asText().strip() : "";
        if (!digits.matches("[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("Id must be a positive whole number");
        }
        return Long.parseLong(digits);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? "" : abbreviate(node.asText().strip());
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    private static String capitalize(String action) {
        return action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1).toLowerCase(Locale.ROOT);
    }
}
