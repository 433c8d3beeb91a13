package io.rotabot.organization;

import java.util.Optional;

/**
 * One MSP customer.
 *
 * @param key a short, stable name used in configuration and on every record of this customer
 * @param name the display name
 * @param autotaskCompanyId the Autotask company whose tickets may act on this customer's accounts, once known
 * @param itglueOrganizationId the IT Glue organization that holds this customer's password records
 */
public record Organization(String key, String name, Optional<Long> autotaskCompanyId, long itglueOrganizationId) {
}
