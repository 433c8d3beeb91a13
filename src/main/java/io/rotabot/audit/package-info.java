/** The append-only audit trail. */
package io.rotabot.audit;
