package io.rotabot.sandbox;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.UUID;

/**
 * A self-signed server certificate for localhost and 127.0.0.1: a PKCS#12 key store for the server and
 * the certificate in PEM for the clients that must trust it. For the sandbox's local servers only.
 *
 * @param keyStore the PKCS#12 file, alias "server"
 * @param pin its password
 * @param pem the certificate alone, PEM
 */
public record LocalCertificate(Path keyStore, char[] pin, Path pem) {

    public static LocalCertificate create(Path directory, String name) throws Exception {
        Files.createDirectories(directory);
        char[] pin = UUID.randomUUID().toString().toCharArray();
        Path keyStore = directory.resolve(name + ".p12");
        Files.deleteIfExists(keyStore);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(InputStream.nullInputStream(), output, output,
                "generate-self-signed-certificate", "--keystore", keyStore.toString(),
                "--keystore-password", new String(pin), "--keystore-type", "PKCS12", "--alias", "server",
                "--subject-dn", "CN=localhost,O=Rotabot Sandbox", "--days-valid", "3650",
                "--key-algorithm", "EC", "--key-size-bits", "256", "--signature-algorithm", "SHA256withECDSA",
                "--subject-alternative-name-dns", "localhost", "--subject-alternative-name-ip-address", "127.0.0.1",
                "--extended-key-usage", "server-auth");
        if (result != ResultCode.SUCCESS) {
            throw new LDAPException(result, "Cannot create a certificate for the sandbox: " + output.toString(StandardCharsets.UTF_8));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, pin);
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(store.getCertificate("server").getEncoded());
        Path pem = directory.resolve(name + "-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        return new LocalCertificate(keyStore, pin, pem);
    }
}
