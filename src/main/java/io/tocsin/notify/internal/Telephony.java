package io.tocsin.notify.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.TelephonyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SMS and calls through the telephony providers in the configured order ({@code tocsin.notify.telephony.order},
 * default {@code twilio,vonage}), skipping those not configured: when one fails (an error, 5xx, a timeout) the next
 * one sends within the same attempt, so a page goes out once, through the first provider that takes it. The
 * provider id says which did: Twilio's ids as Twilio gives them ({@code SM…}, {@code CA…}), others as
 * {@code <provider>:<id>}. Only when every provider failed does the delivery fail (and is retried if any failure was
 * transient).
 */
@Component
public class Telephony {

    private static final Logger log = LoggerFactory.getLogger(Telephony.class);

    private final List<TelephonyProvider> providers;
    private final TelephonySettings settings;

    Telephony(List<TelephonyProvider> providers, TelephonySettings settings) {
        this.providers = providers;
        this.settings = settings;
    }

    /** The configured providers, in the order they are tried. */
    public List<TelephonyProvider> inOrder() {
        var order = settings.getOrder();
        return providers.stream().filter(TelephonyProvider::configured)
                .sorted(Comparator.comparingInt(p -> order.contains(p.name()) ? order.indexOf(p.name()) : order.size()))
                .toList();
    }

    public String sendSms(String to, String body) {
        return first(p -> p.sendSms(to, body), "SMS");
    }

    public String call(String to, String speech, String language, UUID gatherFor) {
        return first(p -> p.call(to, speech, language, gatherFor), "call");
    }

    /** The provider id as the delivery log keeps it. */
    static String providerId(TelephonyProvider provider, String id) {
        return "twilio".equals(provider.name()) ? id : provider.name() + ":" + id;
    }

    private String first(Function<TelephonyProvider, String> send, String what) {
        var candidates = inOrder();
        if (candidates.isEmpty()) {
            throw new ChannelException("no telephony provider is configured (tocsin.notify.twilio.*, tocsin.notify.vonage.*)",
                    false);
        }
        var failures = new ArrayList<String>();
        boolean anyTransient = false;
        for (var provider : candidates) {
            try {
                String id = providerId(provider, send.apply(provider));
                if (!failures.isEmpty()) {
                    log.warn("{} went out through {} after: {}", what, provider.name(), String.join("; ", failures));
                }
                return id;
            } catch (ChannelException e) {
                failures.add(provider.name() + ": " + e.getMessage());
                anyTransient |= e.transientFailure();
            }
        }
        throw new ChannelException(String.join("; ", failures), anyTransient);
    }
}
