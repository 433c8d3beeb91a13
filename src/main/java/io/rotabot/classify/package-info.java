/** The Drools rule base that decides whether a ticket asks for a password reset: load, reload, classify. */
package io.rotabot.classify;
