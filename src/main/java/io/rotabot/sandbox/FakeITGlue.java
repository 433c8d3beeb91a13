package io.rotabot.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stateful fake of IT Glue's password API: JSON:API documents with kebab-case attributes,
 * {@code x-api-key}, {@code show_password} (true by default on show, false on update), PATCH that
 * changes only the attributes sent, POST that creates a record, and every password change kept as a revision.
 */
@RestController
@Profile("demo")
class FakeITGlue {

    static final String JSON_API = "application/vnd.api+json";
    private static final String API = "/sandbox/itglue";

    /** IT Glue organizations of the demo, with the Autotask company each is synced with. */
    private static final Map<Long, DemoOrganization> ORGANIZATIONS = Map.of(
            3821001L, new DemoOrganization("ACME Ltd", 1001), 3821002L, new DemoOrganization("Globex Corp", 2002));

    private final Map<String, PasswordRecord> records = new ConcurrentHashMap<>();
    private final String apiKey;
    private final String webAddress;

    FakeITGlue(@Value("${rotabot.itglue.api-key}") String apiKey, SandboxProperties properties) {
        this.apiKey = apiKey;
        this.webAddress = properties.rotabotUrl().toString().replaceAll("/+$", "");
        record("5001", 3821001, "ACME Ltd", "Alice Anders (AD)", "alice@acme.test", "Initial-Passw0rd-alice!");
        record("5002", 3821001, "ACME Ltd", "Bob Brown (AD)", "bob@acme.test", "Initial-Passw0rd-bob!");
        record("5003", 3821001, "ACME Ltd", "Dave Admin (AD)", "adm-dave@acme.test", "Initial-Passw0rd-dave!");
        record("5004", 3821001, "ACME Ltd", "Carol Chen (AD)", "carol@acme.test", "Initial-Passw0rd-carol!");
        record("5005", 3821001, "ACME Ltd", "Dan Dorsey (AD)", "dan@acme.test", "Initial-Passw0rd-dan!");
        record("6001", 3821002, "Globex Corp", "Carol Clark (AD)", "carol@globex.test", "Initial-Passw0rd-carol!");
    }

    @GetMapping(value = API + "/organizations", produces = JSON_API)
    ResponseEntity<?> organizations(@RequestParam(name = "filter[psa_id]", required = false) String psaId,
                                    HttpServletRequest request) {
        if (!apiKey.equals(request.getHeader("x-api-key"))) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Your API key is invalid");
        }
        List<Map<String, Object>> organizations = ORGANIZATIONS.entrySet().stream()
                .filter(o -> psaId == null || psaId.equals(Long.toString(o.getValue().psaId())))
                .map(o -> Map.<String, Object>of("id", Long.toString(o.getKey()), "type", "organizations",
                        "attributes", Map.of("name", o.getValue().name(), "organization-status-name", "Active")))
                .toList();
        return ResponseEntity.ok(Map.of("data", organizations, "meta", meta(1, 1, organizations.size())));
    }

    @GetMapping(value = API + "/passwords", produces = JSON_API)
    ResponseEntity<?> list(@RequestParam(name = "filter[organization_id]") long organizationId,
                           @RequestParam(name = "page[number]", defaultValue = "1") int page,
                           @RequestParam(name = "page[size]", defaultValue = "50") int size, HttpServletRequest request) {
        if (!apiKey.equals(request.getHeader("x-api-key"))) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Your API key is invalid");
        }
        if (page < 1 || size < 1 || size > 1000) {
            return error(HttpStatus.BAD_REQUEST, "Bad Request", "page[number] >= 1 and 1 <= page[size] <= 1000");
        }
        List<PasswordRecord> all = records.values().stream().filter(r -> r.organizationId == organizationId)
                .sorted(java.util.Comparator.comparing(r -> r.id)).toList();
        int pages = Math.max(1, (all.size() + size - 1) / size);
        List<Map<String, Object>> data = all.stream().skip((long) (page - 1) * size).limit(size)
                .map(r -> r.resource(false)).toList();
        return ResponseEntity.ok(Map.of("data", data, "meta", meta(page, pages, all.size())));
    }

    private static Map<String, Object> meta(int page, int pages, int count) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current-page", page);
        meta.put("next-page", page < pages ? page + 1 : null);
        meta.put("prev-page", page > 1 ? page - 1 : null);
        meta.put("total-pages", pages);
        meta.put("total-count", count);
        return meta;
    }

    @GetMapping(value = API + "/passwords/{id}", produces = JSON_API)
    ResponseEntity<?> show(@PathVariable String id, @RequestParam(name = "show_password", defaultValue = "true") boolean showPassword,
                           HttpServletRequest request) {
        if (!apiKey.equals(request.getHeader("x-api-key"))) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Your API key is invalid");
        }
        PasswordRecord record = records.get(id);
        return record == null ? error(HttpStatus.NOT_FOUND, "Record not found", "Password " + id + " not found")
                : ResponseEntity.ok(Map.of("data", record.resource(showPassword)));
    }

    @PatchMapping(value = API + "/passwords/{id}", consumes = JSON_API, produces = JSON_API)
    ResponseEntity<?> update(@PathVariable String id, @RequestParam(name = "show_password", defaultValue = "false") boolean showPassword,
                             @RequestBody Map<String, Object> document, HttpServletRequest request) {
        if (!apiKey.equals(request.getHeader("x-api-key"))) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Your API key is invalid");
        }
        PasswordRecord record = records.get(id);
        if (record == null) {
            return error(HttpStatus.NOT_FOUND, "Record not found", "Password " + id + " not found");
        }
        if (!(document.get("data") instanceof Map<?, ?> data) || !"passwords".equals(data.get("type"))
                || !(data.get("attributes") instanceof Map<?, ?> attributes)) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "data with type passwords and attributes is required");
        }
        if (attributes.containsKey("password") && !(attributes.get("password") instanceof String p && !p.isEmpty())) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "Password can't be blank");
        }
        record.apply(attributes);
        return ResponseEntity.ok(Map.of("data", record.resource(showPassword)));
    }

    /** A new record; IT Glue wants organization-id, name and password, and answers with the record. */
    @PostMapping(value = API + "/passwords", consumes = JSON_API, produces = JSON_API)
    ResponseEntity<?> create(@RequestBody Map<String, Object> document, HttpServletRequest request) {
        if (!apiKey.equals(request.getHeader("x-api-key"))) {
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized", "Your API key is invalid");
        }
        if (!(document.get("data") instanceof Map<?, ?> data) || !"passwords".equals(data.get("type"))
                || !(data.get("attributes") instanceof Map<?, ?> attributes)) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "data with type passwords and attributes is required");
        }
        DemoOrganization organization = attributes.get("organization-id") instanceof Number id ? ORGANIZATIONS.get(id.longValue()) : null;
        if (organization == null) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "Organization can't be blank");
        }
        if (!(attributes.get("name") instanceof String name && !name.isBlank())) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "Name can't be blank");
        }
        if (!(attributes.get("password") instanceof String password && !password.isEmpty())) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable Entity", "Password can't be blank");
        }
        long organizationId = ((Number) attributes.get("organization-id")).longValue();
        String id;
        synchronized (records) {
            id = Long.toString(records.keySet().stream().mapToLong(Long::parseLong).max().orElse(5000) + 1);
            record(id, organizationId, organization.name(), name,
                    attributes.get("username") instanceof String username ? username : "", password);
        }
        return ResponseEntity.ok(Map.of("data", records.get(id).resource(false)));
    }

    /** What the record's resource-url shows in the sandbox: the record and its revisions, without secrets. */
    @GetMapping("/sandbox/itglue-ui/{organizationId}/passwords/{id}")
    ResponseEntity<?> page(@PathVariable long organizationId, @PathVariable String id) {
        PasswordRecord record = records.get(id);
        if (record == null || record.organizationId != organizationId) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> view = new LinkedHashMap<>(record.resource(false));
        view.put("revisions", record.revisions);
        return ResponseEntity.ok(view);
    }

    private void record(String id, long organizationId, String organizationName, String name, String username, String password) {
        records.put(id, new PasswordRecord(id, organizationId, organizationName, name, username, password,
                webAddress + "/sandbox/itglue-ui/" + organizationId + "/passwords/" + id));
    }

    private static ResponseEntity<?> error(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).header("Content-Type", JSON_API).body(Map.of("errors",
                List.of(Map.of("status", Integer.toString(status.value()), "title", title, "detail", detail))));
    }

    private record DemoOrganization(String name, long psaId) {
    }

    /** One password record and the history of its password changes (times only). */
    private static final class PasswordRecord {

        private final String id;
        private final long organizationId;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final List<Map<String, Object>> revisions = new ArrayList<>();

        PasswordRecord(String id, long organizationId, String organizationName, String name, String username,
                       String password, String resourceUrl) {
            this.id = id;
            this.organizationId = organizationId;
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            attributes.put("organization-id", organizationId);
            attributes.put("organization-name", organizationName);
            attributes.put("name", name);
            attributes.put("username", username);
            attributes.put("password", password);
            attributes.put("url", "");
            attributes.put("notes", "");
            attributes.put("resource-url", resourceUrl);
            attributes.put("restricted", false);
            attributes.put("archived", false);
            attributes.put("password-category-id", 101);
            attributes.put("password-category-name", "Active Directory");
            attributes.put("password-updated-at", now);
            attributes.put("created-at", now);
            attributes.put("updated-at", now);
            revisions.add(Map.of("revision", 1, "password-updated-at", now));
        }

        synchronized void apply(Map<?, ?> changes) {
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            for (String writable : List.of("name", "username", "password", "url", "notes", "password-updated-at")) {
                if (changes.containsKey(writable)) {
                    attributes.put(writable, changes.get(writable));
                }
            }
            if (changes.containsKey("password")) {
                if (!changes.containsKey("password-updated-at")) {
                    attributes.put("password-updated-at", now);
                }
                revisions.add(Map.of("revision", revisions.size() + 1, "password-updated-at", attributes.get("password-updated-at")));
            }
            attributes.put("updated-at", now);
        }

        synchronized Map<String, Object> resource(boolean showPassword) {
            Map<String, Object> shown = new LinkedHashMap<>(attributes);
            if (!showPassword) {
                shown.remove("password");
            }
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("id", id);
            resource.put("type", "passwords");
            resource.put("attributes", shown);
            return resource;
        }
    }
}
