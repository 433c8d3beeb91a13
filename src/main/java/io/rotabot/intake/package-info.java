/** Autotask ticket webhooks: signature check, the inbox, de-duplication and the start of the ticket process. */
package io.rotabot.intake;
