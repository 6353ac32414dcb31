package io.tocsin.notify.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vonage ({@code tocsin.notify.vonage.*}): the SMS API with the account's key and secret, the Voice API with an
 * application id and its RSA private key (PKCS#8 PEM), and the signature secret Vonage signs callbacks with.
 */
@ConfigurationProperties("tocsin.notify.vonage")
public class VonageSettings {

    private String smsBaseUrl = "https://rest.nexmo.com";
    private String apiBaseUrl = "https://api.nexmo.com";
    private String apiKey = "";
    private String apiSecret = "";
    /** Signs inbound SMS webhooks ({@code sig}, SHA-256 HMAC) and voice callbacks (a JWT, HS256). */
    private String signatureSecret = "";
    /** The number messages and calls come from (E.164). */
    private String fromNumber = "";
    private String applicationId = "";
    private String privateKey = "";
    private Duration timeout = Duration.ofSeconds(10);
    /** How old a signed callback may be before it is refused as a replay. */
    private Duration maxCallbackAge = Duration.ofMinutes(5);

    /** SMS needs the key, secret, signature secret and number; calls also the application and its key. */
    public boolean configured() {
        return !apiKey.isBlank() && !apiSecret.isBlank() && !signatureSecret.isBlank() && !fromNumber.isBlank();
    }

    public boolean voiceConfigured() {
        return configured() && !applicationId.isBlank() && !privateKey.isBlank();
    }

    public String getSmsBaseUrl() {
        return smsBaseUrl;
    }

    public void setSmsBaseUrl(String smsBaseUrl) {
        this.smsBaseUrl = smsBaseUrl;
    }

    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getApiSecret() {
        return apiSecret;
    }

    public void setApiSecret(String apiSecret) {
        this.apiSecret = apiSecret;
    }

    public String getSignatureSecret() {
        return signatureSecret;
    }

    public void setSignatureSecret(String signatureSecret) {
        this.signatureSecret = signatureSecret;
    }

    public String getFromNumber() {
        return fromNumber;
    }

    public void setFromNumber(String fromNumber) {
        this.fromNumber = fromNumber;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getMaxCallbackAge() {
        return maxCallbackAge;
    }

    public void setMaxCallbackAge(Duration maxCallbackAge) {
        this.maxCallbackAge = maxCallbackAge;
    }
}
