/** The ticket bot: whose accounts a ticket asks for, the guards each must pass, a technician's review, and the ticket's one note. */
package io.rotabot.ticketbot;
