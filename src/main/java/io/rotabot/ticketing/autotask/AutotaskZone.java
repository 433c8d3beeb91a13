package io.rotabot.ticketing.autotask;

import io.rotabot.ExternalCalls;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import io.rotabot.ticketing.autotask.client.ApiClient;
import io.rotabot.ticketing.autotask.client.api.ZonesApi;
import io.rotabot.ticketing.autotask.client.model.ZoneInformation;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;

/**
 * Where the API user's database lives: the configured base URL, or else the zone Autotask names for the
 * user, asked once and kept. The answer must name an Autotask host (or the lookup's own host), since
 * every later request carries the API user's secret there.
 */
class AutotaskZone {

    private static final Logger log = LoggerFactory.getLogger(AutotaskZone.class);

    private final AutotaskProperties properties;
    private final ApiClient lookup;
    private volatile String baseUrl;

    AutotaskZone(AutotaskProperties properties, ApiClient lookup) {
        this.properties = properties;
        this.lookup = lookup;
        lookup.setBasePath(withoutTrailingSlash(properties.zoneLookupUrl().toString()));
        if (properties.baseUrl() != null && !properties.baseUrl().toString().isBlank()) {
            this.baseUrl = withoutTrailingSlash(properties.baseUrl().toString());
        }
    }

    /** The REST root of the database's zone, without a trailing slash. */
    String baseUrl(AutotaskCalls calls) {
        String known = baseUrl;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (baseUrl == null) {
                baseUrl = discover(calls);
            }
            return baseUrl;
        }
    }

    private String discover(AutotaskCalls calls) {
        ZoneInformation zone;
        try {
            zone = calls.call("ZoneInformation", () -> new ZonesApi(lookup).getZoneInformation(properties.username()));
        } catch (RestClientException e) {
            throw new TicketDeskUnavailableException("Asking " + properties.zoneLookupUrl() + " for the zone of "
                    + properties.username() + " failed: " + ExternalCalls.describe(e), e);
        }
        URI url;
        try {
            url = URI.create(zone == null || zone.getUrl() == null ? "" : zone.getUrl().strip());
        } catch (IllegalArgumentException e) {
            throw new TicketDeskUnavailableException("Autotask named no usable zone for " + properties.username(), e);
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean autotaskHost = "https".equalsIgnoreCase(url.getScheme()) && host.endsWith(".autotask.net");
        boolean lookupHost = host.equals(properties.zoneLookupUrl().getHost())
                && url.getScheme() != null && url.getScheme().equalsIgnoreCase(properties.zoneLookupUrl().getScheme());
        if (!autotaskHost && !lookupHost) {
            throw new TicketDeskUnavailableException("Autotask's zone answer for " + properties.username()
                    + " names " + (host.isEmpty() ? "no host" : host) + ", not an https Autotask host; set "
                    + "rotabot.autotask.base-url to the zone's URL", null);
        }
        String discovered = withoutTrailingSlash(url.toString());
        log.info("Autotask zone of {}: {} ({})", properties.username(), discovered, zone.getZoneName());
        return discovered;
    }

    private static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
