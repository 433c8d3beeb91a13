/** The MSP's password vault: read records and store new revisions. */
package io.rotabot.vault;
