/** Autotask ticket webhooks: signature check, the inbox, de-duplication, the start of the ticket process and its retry. */
package io.rotabot.intake;
