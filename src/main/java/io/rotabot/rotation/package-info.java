/** The rotation of one matched credential: the crash-safe journal, its steps and its statuses. */
package io.rotabot.rotation;
