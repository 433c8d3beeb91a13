package io.rotabot.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.rotabot.testing.VendorStubs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Autotask's ticket notes as Autotask keeps them: a POST to {@code /V1.0/Tickets/{id}/Notes} creates the
 * note the moment it arrives (whether or not its caller lives to read the {@code {"itemId":N}}), and a GET
 * lists every note the ticket has, in Autotask's {@code {"items":[…],"pageDetails":{…}}}.
 */
final class AutotaskNotes implements ResponseDefinitionTransformerV2 {

    static final String NAME = "autotask-notes";
    private static final String NOTES = "/ATServicesRest/V1\\.0/Tickets/(\\d+)/Notes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, List<ObjectNode>> notes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(31_290_000);

    /** Answers every ticket's notes on this server from this store, ahead of any other stub. */
    void stubOn(WireMockServer autotask) {
        for (var method : List.of(get(urlPathMatching(NOTES)), post(urlPathMatching(NOTES)))) {
            autotask.stubFor(method.atPriority(1)
                    .withHeader("ApiIntegrationCode", equalTo(VendorStubs.AUTOTASK_CODE))
                    .withHeader("UserName", equalTo(VendorStubs.AUTOTASK_USER))
                    .withHeader("Secret", equalTo(VendorStubs.AUTOTASK_SECRET))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                            .withTransformers(NAME)));
        }
    }

    /** The notes the ticket has, oldest first. */
    List<JsonNode> of(long ticketId) {
        return List.copyOf(notes.getOrDefault(ticketId, List.of()));
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long ticketId = Long.parseLong(event.getRequest().getUrl().replaceAll("^" + NOTES + ".*$", "$1"));
        List<ObjectNode> ticketNotes = notes.computeIfAbsent(ticketId, t -> new CopyOnWriteArrayList<>());
        ObjectNode answer = JSON.createObjectNode();
        if ("POST".equals(event.getRequest().getMethod().getName())) {
            ObjectNode note;
            try {
                note = (ObjectNode) JSON.readTree(event.getRequest().getBodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long id = ids.incrementAndGet();
            note.put("id", id).put("ticketID", ticketId).put("createDateTime", Instant.now().toString());
            ticketNotes.add(note);
            answer.put("itemId", id);
        } else {
            ArrayNode items = answer.putArray("items");
            ticketNotes.forEach(items::add);
            answer.putObject("pageDetails").put("count", ticketNotes.size()).put("requestCount", 500)
                    .putNull("prevPageUrl").putNull("nextPageUrl");
        }
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withBody(answer.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
