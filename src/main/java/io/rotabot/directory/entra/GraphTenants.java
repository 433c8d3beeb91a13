package io.rotabot.directory.entra;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.security.ConfigurationSecrets;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;

/** A Graph client per organization: app credentials from azure-identity, Graph's middleware (retry honouring Retry-After). */
@Component
class GraphTenants {

    private final EntraConnectionProperties properties;
    private final ConfigurationSecrets secrets;
    private final Map<String, GraphServiceClient> clients = new ConcurrentHashMap<>();

    GraphTenants(EntraConnectionProperties properties, ConfigurationSecrets secrets) {
        this.properties = properties;
        this.secrets = secrets;
    }

    Set<String> organizations() {
        return properties.connections().keySet();
    }

    EntraConnectionProperties.Connection settings(String organizationKey) {
        EntraConnectionProperties.Connection settings = properties.connections().get(organizationKey);
        if (settings == null) {
            throw new DirectoryUnavailableException("Organization " + organizationKey
                    + " has no Entra ID connection (rotabot.entra.connections." + organizationKey + ")", null);
        }
        return settings;
    }

    GraphServiceClient graph(String organizationKey) {
        return clients.computeIfAbsent(organizationKey, this::open);
    }

    private GraphServiceClient open(String organizationKey) {
        EntraConnectionProperties.Connection settings = settings(organizationKey);
        OkHttpClient.Builder http = GraphClientFactory.create(new GraphClientOption())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout());
        if (settings.caCertificate() != null) {
            X509TrustManager trust = trust(organizationKey, settings);
            http.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        OkHttpClient okHttp = http.build();
        URI graph = settings.graphUrl();
        String scope = graph.getScheme() + "://" + graph.getAuthority() + "/.default";
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(
                credential(organizationKey, settings, secrets.reveal(settings.clientSecret(),
                        "rotabot.entra.connections." + organizationKey + ".client-secret"), okHttp), new String[] {graph.getAuthority().replaceAll(":\\d+$", "")}, scope);
        BaseGraphRequestAdapter adapter = new BaseGraphRequestAdapter(authentication, BaseGraphRequestAdapter.Clouds.GLOBAL_CLOUD, "v1.0", okHttp);
        adapter.setBaseUrl(graph.toString().replaceAll("/+$", ""));
        return new GraphServiceClient(adapter);
    }

    private static TokenCredential credential(String organizationKey, EntraConnectionProperties.Connection settings,
                                              String clientSecret, OkHttpClient okHttp) {
        // the token call uses the same TCP limits and trust as Graph's
        var http = new OkHttpAsyncHttpClientBuilder(okHttp.newBuilder().build()).build();
        if (clientSecret != null && !clientSecret.isBlank()) {
            return new ClientSecretCredentialBuilder().tenantId(settings.tenantId()).clientId(settings.clientId())
                    .clientSecret(clientSecret).authorityHost(settings.authorityHost().toString())
                    .httpClient(http).disableInstanceDiscovery().maxRetry(2).build();
        }
        if (settings.clientCertificate() != null) {
            return new ClientCertificateCredentialBuilder().tenantId(settings.tenantId()).clientId(settings.clientId())
                    .pemCertificate(settings.clientCertificate().toString()).authorityHost(settings.authorityHost().toString())
                    .httpClient(http).disableInstanceDiscovery().maxRetry(2).build();
        }
        throw new IllegalStateException("Entra ID connection of " + organizationKey
                + " needs client-secret or client-certificate");
    }

    private static X509TrustManager trust(String organizationKey, EntraConnectionProperties.Connection settings) {
        try (InputStream pem = Files.newInputStream(settings.caCertificate())) {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                anchors.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new DirectoryUnavailableException("The CA certificate " + settings.caCertificate() + " of "
                    + organizationKey + "'s Entra ID connection cannot be used: " + e.getMessage(), e);
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
