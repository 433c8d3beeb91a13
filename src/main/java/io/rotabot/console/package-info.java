/** The administrators' REST API. */
package io.rotabot.console;
