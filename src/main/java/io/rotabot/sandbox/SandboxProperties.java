package io.rotabot.sandbox;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rotabot.sandbox.*} (demo profile).
 *
 * @param ldapsPort the in-process directory's LDAPS port
 * @param workDir where its key store and CA certificate are written
 * @param rotabotUrl this server's address, where the fakes live
 * @param webhookUrl where the fake Autotask delivers ticket webhooks
 */
@ConfigurationProperties("rotabot.sandbox")
record SandboxProperties(@DefaultValue("10636") int ldapsPort, @DefaultValue("data/sandbox") Path workDir,
                         URI rotabotUrl, URI webhookUrl) {
}
