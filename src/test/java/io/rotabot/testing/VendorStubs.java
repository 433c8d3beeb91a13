package io.rotabot.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WireMock stubs in the vendors' exact wire formats: Autotask's {@code {"item":…}} and {@code {"itemId":N}}
 * with its three API-user headers; IT Glue's JSON:API documents with kebab-case attributes.
 */
public final class VendorStubs {

    public static final String AUTOTASK_CODE = "test-integration-code";
    public static final String AUTOTASK_USER = "api-user@msp.test";
    public static final String AUTOTASK_SECRET = "test-autotask-secret";
    public static final String ITGLUE_KEY = "ITG.test-api-key";
    public static final String JSON_API = "application/vnd.api+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorStubs() {
    }

    public static void autotaskTicket(WireMockServer autotask, long ticketId, long companyId, long contactId,
                                      String title, String description) {
        ObjectNode item = JSON.createObjectNode()
                .put("id", ticketId).put("ticketNumber", "T20261127." + ticketId % 10000).put("title", title)
                .put("description", description).put("companyID", companyId).put("contactID", contactId)
                .put("status", 1).put("priority", 2).put("queueID", 29682833).put("issueType", 7).put("subIssueType", 143)
                .put("source", 4).put("createDate", "2026-11-27T08:15:02.123Z");
        autotask.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId))
                .withHeader("ApiIntegrationCode", equalTo(AUTOTASK_CODE))
                .withHeader("UserName", equalTo(AUTOTASK_USER))
                .withHeader("Secret", equalTo(AUTOTASK_SECRET))
                .willReturn(okJson(JSON.createObjectNode().set("item", item))));
        autotask.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes"))
                .withHeader("ApiIntegrationCode", equalTo(AUTOTASK_CODE))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[],\"pageDetails\":{\"count\":0,\"requestCount\":500,"
                                + "\"prevPageUrl\":null,\"nextPageUrl\":null}}")));
        autotask.stubFor(post(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes"))
                .withHeader("ApiIntegrationCode", equalTo(AUTOTASK_CODE))
                .willReturn(okJson(JSON.createObjectNode().put("itemId", 31_289_000 + ticketId))));
    }

    public static void autotaskContact(WireMockServer autotask, long contactId, long companyId, String email) {
        ObjectNode item = JSON.createObjectNode()
                .put("id", contactId).put("companyID", companyId).put("emailAddress", email)
                .put("firstName", "Test").put("lastName", "Person").put("isActive", 1);
        autotask.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Contacts/" + contactId))
                .withHeader("Secret", equalTo(AUTOTASK_SECRET))
                .willReturn(okJson(JSON.createObjectNode().set("item", item))));
    }

    /** A password record; PATCHes are answered with the record, and read back through {@link ITGlueReadBack}. */
    public static void itglueRecord(WireMockServer itglue, String recordId, long organizationId, String username) {
        itglue.stubFor(get(urlPathEqualTo("/passwords/" + recordId))
                .withHeader("x-api-key", equalTo(ITGLUE_KEY))
                .willReturn(recordDocument(recordId, organizationId, username)));
        itglue.stubFor(patch(urlPathEqualTo("/passwords/" + recordId))
                .withHeader("x-api-key", equalTo(ITGLUE_KEY))
                .withHeader("Content-Type", equalTo(JSON_API))
                .willReturn(recordDocument(recordId, organizationId, username)));
    }

    /** The record as {@link #itglueRecord}, with IT Glue taking this long to answer a PATCH. */
    public static void itglueRecordSlowToPatch(WireMockServer itglue, String recordId, long organizationId, String username,
                                               int delayMillis) {
        itglueRecord(itglue, recordId, organizationId, username);
        itglue.stubFor(patch(urlPathEqualTo("/passwords/" + recordId)).atPriority(1)
                .withHeader("x-api-key", equalTo(ITGLUE_KEY))
                .willReturn(recordDocument(recordId, organizationId, username).withFixedDelay(delayMillis)));
    }

    private static ResponseDefinitionBuilder recordDocument(String recordId, long organizationId, String username) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_API)
                .withBody(passwordDocument(recordId, organizationId, username, null).toString())
                .withTransformers(ITGlueReadBack.NAME)
                .withTransformerParameter("organizationId", organizationId)
                .withTransformerParameter("username", username);
    }

    /** The organization's password list, one page, records as "id:username", or "id:username:archived". */
    public static void itglueRecordList(WireMockServer itglue, long organizationId, String... records) {
        StringBuilder data = new StringBuilder();
        for (String record : records) {
            String[] parts = record.split(":", 3);
            ObjectNode resource = (ObjectNode) passwordDocument(parts[0], organizationId, parts[1], null).get("data");
            ((ObjectNode) resource.get("attributes")).put("archived", parts.length == 3 && parts[2].equals("archived"));
            data.append(data.length() == 0 ? "" : ",").append(resource);
        }
        itglue.stubFor(get(urlPathEqualTo("/passwords")).withQueryParam("filter[organization_id]", equalTo(Long.toString(organizationId)))
                .withHeader("x-api-key", equalTo(ITGLUE_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_API).withBody("{\"data\":[" + data
                        + "],\"meta\":{\"current-page\":1,\"next-page\":null,\"prev-page\":null,\"total-pages\":1,"
                        + "\"total-count\":" + records.length + "}}")));
    }

    public static String resourceUrl(long organizationId, String recordId) {
        return "https://msp.itglue.com/" + organizationId + "/passwords/" + recordId;
    }

    static ObjectNode passwordDocument(String recordId, long organizationId, String username, String password) {
        ObjectNode attributes = JSON.createObjectNode()
                .put("organization-id", organizationId).put("organization-name", "ACME Ltd")
                .put("name", username + " (AD)").put("username", username).put("url", "").put("notes", "")
                .put("resource-url", resourceUrl(organizationId, recordId))
                .put("restricted", false).put("archived", false)
                .put("password-category-id", 101).put("password-category-name", "Active Directory")
                .put("password-updated-at", "2026-01-02T03:04:05.000Z")
                .put("created-at", "2025-01-02T03:04:05.000Z").put("updated-at", "2026-01-02T03:04:05.000Z");
        if (password != null) {
            attributes.put("password", password);
        }
        ObjectNode data = JSON.createObjectNode().put("id", recordId).put("type", "passwords");
        data.set("attributes", attributes);
        return (ObjectNode) JSON.createObjectNode().set("data", data);
    }

    private static ResponseDefinitionBuilder okJson(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString());
    }

    /**
     * Keeps what each PATCH stored, so a later {@code GET ?show_password=true} returns it as IT Glue does;
     * nothing else in the answers changes.
     */
    public static final class ITGlueReadBack implements ResponseDefinitionTransformerV2 {

        public static final String NAME = "itglue-read-back";
        private final Map<String, String> stored = new ConcurrentHashMap<>();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            String recordId = url.replaceAll("^/passwords/([^/?]+).*$", "$1");
            var parameters = event.getResponseDefinition().getTransformerParameters();
            long organizationId = ((Number) parameters.get("organizationId")).longValue();
            String username = (String) parameters.get("username");
            try {
                if ("PATCH".equals(event.getRequest().getMethod().getName())) {
                    JsonNode password = JSON.readTree(event.getRequest().getBodyAsString()).path("data").path("attributes").path("password");
                    if (password.isTextual()) {
                        stored.put(recordId, password.asText());
                    }
                    return event.getResponseDefinition();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            boolean show = !url.contains("show_password=false");
            String password = show ? stored.getOrDefault(recordId, "Initial-Passw0rd!") : null;
            return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .withBody(passwordDocument(recordId, organizationId, username, password).toString())
                    .build();
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
}
