/** The PSA's tickets: fetch a ticket and its requester, post notes. */
package io.rotabot.ticketing;
