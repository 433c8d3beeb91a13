/** Authentication, the encryption of secrets and the types that keep them out of logs. */
package io.rotabot.security;
