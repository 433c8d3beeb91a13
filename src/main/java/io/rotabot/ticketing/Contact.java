package io.rotabot.ticketing;

/**
 * A customer contact in the PSA.
 *
 * @param id the PSA's contact id
 * @param companyId the company the contact belongs to
 * @param email the contact's e-mail address, may be empty
 * @param name first and last name
 * @param active whether the contact is active
 */
public record Contact(long id, long companyId, String email, String name, boolean active) {
}
