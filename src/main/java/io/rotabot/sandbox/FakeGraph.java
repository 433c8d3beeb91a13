package io.rotabot.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stateful fake of the Microsoft identity platform's client-credentials token endpoint and of Graph's
 * users: list, get by id or UPN, and the password reset {@code PATCH /v1.0/users/{id}} with a
 * passwordProfile (204), with Graph's error bodies and status codes.
 */
@RestController
@Profile("demo")
class FakeGraph {

    static final String TENANT = "sandbox-tenant";
    static final String CLIENT_ID = "sandbox-client";
    static final String CLIENT_SECRET = "sandbox-demo-client-secret";
    private static final String GRAPH = "/sandbox/graph/v1.0";

    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    FakeGraph() {
        user("0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e01", "frank@globex.test", "Frank Cloud", false);
        user("0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e02", "carol@globex.test", "Carol Clark", true);
    }

    @PostMapping(value = "/sandbox/graph/{tenant}/oauth2/v2.0/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@PathVariable String tenant, @RequestBody MultiValueMap<String, String> form) {
        if (!TENANT.equals(tenant)) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "AADSTS90002: Tenant '" + tenant + "' not found."));
        }
        if (!"client_credentials".equals(form.getFirst("grant_type")) || !CLIENT_ID.equals(form.getFirst("client_id"))
                || !CLIENT_SECRET.equals(form.getFirst("client_secret"))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_client",
                    "error_description", "AADSTS7000215: Invalid client secret provided."));
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        return ResponseEntity.ok(Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
                "access_token", token));
    }

    @GetMapping(value = GRAPH + "/users", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> users(HttpServletRequest request) {
        if (!authorized(request)) {
            return unauthorized();
        }
        return ResponseEntity.ok(Map.of("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users",
                "value", List.copyOf(users.values())));
    }

    @GetMapping(value = GRAPH + "/users/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> user(@PathVariable String key, HttpServletRequest request) {
        if (!authorized(request)) {
            return unauthorized();
        }
        Map<String, Object> user = find(key);
        return user == null ? notFound(key) : ResponseEntity.ok(user);
    }

    @PatchMapping(value = GRAPH + "/users/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> update(@PathVariable String key, @RequestBody Map<String, Object> changes, HttpServletRequest request) {
        if (!authorized(request)) {
            return unauthorized();
        }
        Map<String, Object> user = find(key);
        if (user == null) {
            return notFound(key);
        }
        if (changes.get("passwordProfile") instanceof Map<?, ?> profile) {
            if (Boolean.TRUE.equals(user.get("onPremisesSyncEnabled"))) {
                return graphError(HttpStatus.BAD_REQUEST, "Request_BadRequest",
                        "Unable to update the specified properties for on-premises mastered Directory Sync objects.");
            }
            if (!(profile.get("password") instanceof String password) || password.length() < 8
                    || password.chars().noneMatch(Character::isDigit) || password.chars().noneMatch(Character::isLetter)) {
                return graphError(HttpStatus.BAD_REQUEST, "Request_BadRequest",
                        "The specified password does not comply with password complexity requirements. Please provide a different password.");
            }
            passwords.put((String) user.get("id"), password);
        }
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> find(String key) {
        Map<String, Object> byId = users.get(key);
        return byId != null ? byId : users.values().stream()
                .filter(u -> key.equalsIgnoreCase((String) u.get("userPrincipalName"))).findFirst().orElse(null);
    }

    private boolean authorized(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") && tokens.contains(header.substring(7));
    }

    private static ResponseEntity<?> unauthorized() {
        return graphError(HttpStatus.UNAUTHORIZED, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    }

    private static ResponseEntity<?> notFound(String key) {
        return graphError(HttpStatus.NOT_FOUND, "Request_ResourceNotFound",
                "Resource '" + key + "' does not exist or one of its queried reference-property objects are not present.");
    }

    private static ResponseEntity<?> graphError(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("code", code, "message", message)));
    }

    private void user(String id, String upn, String name, boolean syncedFromAd) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("userPrincipalName", upn);
        user.put("mail", upn);
        user.put("displayName", name);
        user.put("accountEnabled", true);
        user.put("onPremisesSyncEnabled", syncedFromAd);
        users.put(id, user);
    }
}
