package io.rotabot.directory.ad;

import io.rotabot.directory.ResetOptions;
import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR;
import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR_PASSWORD;
import static io.rotabot.directory.ad.SambaDomainController.BASE_DN;
import static io.rotabot.directory.ad.SambaDomainController.URL;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.security.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Resets per second through the AD adapter (reset + verifying bind on the same DC) next to the DC's own
 * ceiling: one ldapmodify process sending the same number of unicodePwd replaces over one connection.
 * Run with {@code mvn -Pbench test}; it prints, it asserts nothing about speed.
 */
class SambaResetBenchmark {

    private static final int RESETS = 300;
    private static final int ROUNDS = 3;

    @Test
    void adapterNextToRawLdapmodify() throws Exception {
        SambaDomainController.ensureRunning();
        String name = "rbbench" + UUID.randomUUID().toString().substring(0, 6);
        String dn = "CN=" + name + ",CN=Users," + BASE_DN;
        try (LDAPConnection admin = SambaDomainController.administrator()) {
            admin.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("sAMAccountName", name), new Attribute("userPrincipalName", name + "@corp.example.test"),
                    new Attribute("unicodePwd", quoted("Bench#Passw0rd-start")), new Attribute("userAccountControl", "512")));
            try {
                ActiveDirectory adapter = new ActiveDirectory(HandBuiltControllers.of(new AdConnectionProperties(
                        Map.of("corp", SambaDomainController.connection(List.of(URL), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false)))));
                DirectoryAccount account = adapter.findByEmail("corp", name + "@corp.example.test").orElseThrow();
                for (int i = 0; i < 20; i++) {
                    adapter.setPassword(account, Secret.of("Warm#Passw0rd-" + i), ResetOptions.PASSWORD_ONLY);
                }
                List<Double> raw = new ArrayList<>();
                List<Double> through = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    raw.add(ldapmodify(dn, round));
                    long start = System.nanoTime();
                    for (int i = 0; i < RESETS; i++) {
                        if (!adapter.setPassword(account, Secret.of("Adapter#Passw0rd-" + round + "-" + i), ResetOptions.PASSWORD_ONLY).succeeded()) {
                            throw new IllegalStateException("reset " + i + " failed");
                        }
                    }
                    through.add(Math.round(RESETS / ((System.nanoTime() - start) / 1e9) * 10) / 10.0);
                }
                double rawMedian = median(raw);
                double adapterMedian = median(through);
                System.out.printf("%nSamba reset benchmark, %d resets x %d rounds:%n", RESETS, ROUNDS);
                System.out.printf("  raw ldapmodify (one connection, modify only): %s resets/s, median %.1f%n", raw, rawMedian);
                System.out.printf("  AD adapter (modify + verifying bind + service rebind, one pooled connection): %s resets/s, median %.1f%n", through, adapterMedian);
                System.out.printf("  adapter / raw = %.2f%n%n", adapterMedian / rawMedian);
            } finally {
                admin.delete(dn);
            }
        }
    }

    private static double ldapmodify(String dn, int round) throws Exception {
        Path ldif = Files.createTempFile("bench", ".ldif");
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < RESETS; i++) {
            changes.append("dn: ").append(dn).append("\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: ")
                    .append(Base64.getEncoder().encodeToString(quoted("Raw#Passw0rd-" + round + "-" + i)))
                    .append("\n-\n\n");
        }
        Files.writeString(ldif, changes);
        ProcessBuilder command = new ProcessBuilder("ldapmodify", "-x", "-H", URL.toString(), "-D", ADMINISTRATOR,
                "-w", ADMINISTRATOR_PASSWORD, "-f", ldif.toString()).redirectErrorStream(true);
        command.environment().put("LDAPTLS_CACERT", SambaDomainController.CA.toString());
        command.environment().put("LDAPTLS_REQCERT", "demand");
        long start = System.nanoTime();
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ldapmodify failed: " + output);
        }
        double rate = RESETS / ((System.nanoTime() - start) / 1e9);
        Files.delete(ldif);
        return Math.round(rate * 10) / 10.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static byte[] quoted(String password) {
        return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }
}
