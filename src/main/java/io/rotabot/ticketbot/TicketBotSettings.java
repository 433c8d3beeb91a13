package io.rotabot.ticketbot;

import io.rotabot.policy.InvalidSettingsException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ticket bot's guards for an organization (or the global ones an organization without its own uses).
 * A value out of range is refused with the field's name.
 *
 * @param ticketResets whether tickets may reset or unlock accounts at all; off, every ticket gets a
 *                     "not permitted" note and a technician acts by hand
 * @param unlockOnReset a locked-out account reset from a ticket is also unlocked (a reset alone leaves it
 *                      locked in AD)
 * @param mustChangeAtNextLogon the person must choose their own password at the next sign-in
 * @param resetsPerHour above this many accounts reset or unlocked from tickets in one hour, the next ones
 *                      wait for a technician's approval (1–1000)
 * @param authorisedContacts the e-mail addresses of contacts (office managers) whose tickets may reset
 *                           other people's accounts of their organization without a review; privileged
 *                           accounts still need one
 */
public record TicketBotSettings(boolean ticketResets, boolean unlockOnReset, boolean mustChangeAtNextLogon,
                                int resetsPerHour, List<String> authorisedContacts) {

    static final int MAX_CONTACTS = 200;
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]{1,64}@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,24}");

    public TicketBotSettings {
        if (resetsPerHour < 1 || resetsPerHour > 1000) {
            throw new InvalidSettingsException("resetsPerHour", "must be between 1 and 1000, was " + resetsPerHour);
        }
        if (authorisedContacts != null && authorisedContacts.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidSettingsException("authorisedContacts", "holds an empty entry");
        }
        authorisedContacts = authorisedContacts == null ? List.of()
                : authorisedContacts.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (authorisedContacts.size() > MAX_CONTACTS) {
            throw new InvalidSettingsException("authorisedContacts", "holds at most " + MAX_CONTACTS + " addresses");
        }
        for (String address : authorisedContacts) {
            if (!ADDRESS.matcher(address).matches()) {
                throw new InvalidSettingsException("authorisedContacts", "'" + address + "' is not an e-mail address");
            }
        }
    }

    /** Whether this requester may have others' accounts reset without a review. */
    boolean authorises(String requesterEmail) {
        return authorisedContacts.contains(requesterEmail.strip().toLowerCase(Locale.ROOT));
    }
}
