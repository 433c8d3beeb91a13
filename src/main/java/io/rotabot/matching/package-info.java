/** Approved pairs of directory accounts and vault records, and resolving a ticket's requester to one. */
package io.rotabot.matching;
