package io.tocsin.notify.internal;

import io.tocsin.notify.NotifySettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Absolute URLs that leave the building: links in messages and provider callbacks. */
@Component
public class PublicUrls {

    private final NotifySettings settings;
    private final String baseUrl;

    PublicUrls(NotifySettings settings, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    public String base() {
        String base = settings.getPublicBaseUrl() == null || settings.getPublicBaseUrl().isBlank() ? baseUrl
                : settings.getPublicBaseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String answerLink(String token) {
        return base() + "/notify/answer/" + token;
    }

    public String voiceGather(java.util.UUID deliveryId) {
        return base() + "/hooks/twilio/voice/" + deliveryId;
    }
}
