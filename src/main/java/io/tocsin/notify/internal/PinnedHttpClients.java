package io.tocsin.notify.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for targets a person gave us (webhooks, push endpoints): they connect only to the addresses
 * {@link WebhookTargetGuard} checked (so a DNS answer that changes after the check cannot reach an internal
 * address), follow no redirects, retry nothing, keep no cookies, and time out.
 */
final class PinnedHttpClients {

    /** Building the TLS context is slow; it is shared, while each client gets its own pinned resolver. */
    private static final TlsSocketStrategy TLS = DefaultClientTlsStrategy.createSystemDefault();

    private PinnedHttpClients() {
    }

    static CloseableHttpClient forTarget(WebhookTargetGuard.Target target, Duration connectTimeout,
            Duration responseTimeout) {
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (WebhookTargetGuard.bare(host).equalsIgnoreCase(target.host())) {
                    return target.addresses().toArray(InetAddress[]::new);
                }
                throw new UnknownHostException(host + " is not the checked host");
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var connections = PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned).setTlsSocketStrategy(TLS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout)).build())
                .build();
        return HttpClients.custom().setConnectionManager(connections).disableRedirectHandling()
                .disableAutomaticRetries().disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
                .build();
    }
}
