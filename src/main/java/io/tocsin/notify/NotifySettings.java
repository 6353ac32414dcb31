package io.tocsin.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of notify ({@code tocsin.notify.*}); the defaults follow GoAlert's published limits. */
@ConfigurationProperties("tocsin.notify")
public class NotifySettings {

    /** Base of links in messages and of provider callbacks; empty means {@code tocsin.base-url}. */
    private String publicBaseUrl = "";
    /** Key for signing answer tokens; empty means a random key generated once and shared through the database. */
    private String tokenSecret = "";
    /** How long an acknowledge/resolve link stays valid. */
    private Duration answerTokenTtl = Duration.ofHours(24);
    private final Mail mail = new Mail();
    private final Verification verification = new Verification();
    private final Worker worker = new Worker();
    private final RateLimits rateLimits = new RateLimits();
    private final Twilio twilio = new Twilio();
    private final Webhook webhook = new Webhook();

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public String getTokenSecret() {
        return tokenSecret;
    }

    public void setTokenSecret(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    public Duration getAnswerTokenTtl() {
        return answerTokenTtl;
    }

    public void setAnswerTokenTtl(Duration answerTokenTtl) {
        this.answerTokenTtl = answerTokenTtl;
    }

    public Mail getMail() {
        return mail;
    }

    public Verification getVerification() {
        return verification;
    }

    public Worker getWorker() {
        return worker;
    }

    public RateLimits getRateLimits() {
        return rateLimits;
    }

    public Twilio getTwilio() {
        return twilio;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public static class Mail {
        /** Sender of every e-mail Tocsin sends: pages, codes, and mail to addresses (updates, reminders, ...). */
        private String from = "Tocsin <tocsin@localhost>";
        /** Mail to addresses is claimed this many at a time ... */
        private int batchSize = 200;
        /** ... and sent over this many SMTP connections at once, each connection carrying its share of the batch. */
        private int connections = 4;
        /**
         * Attempts in all before a mail to an address is given up (with the worker's doubling backoff, 12 bridge
         * an SMTP outage of an hour and a quarter); a page is pointless sooner, so pages keep the worker's limit.
         */
        private int maxAttempts = 12;

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("tocsin.notify.mail.batch-size must be 1 to 1000");
            }
            this.batchSize = batchSize;
        }

        public int getConnections() {
            return connections;
        }

        public void setConnections(int connections) {
            if (connections < 1 || connections > 32) {
                throw new IllegalArgumentException("tocsin.notify.mail.connections must be 1 to 32");
            }
            this.connections = connections;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("tocsin.notify.mail.max-attempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
        }
    }

    public static class Verification {
        private Duration codeTtl = Duration.ofMinutes(10);
        private int maxAttempts = 5;
        /** A new code may be requested this long after the previous one. */
        private Duration resendInterval = Duration.ofMinutes(1);

        public Duration getCodeTtl() {
            return codeTtl;
        }

        public void setCodeTtl(Duration codeTtl) {
            this.codeTtl = codeTtl;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getResendInterval() {
            return resendInterval;
        }

        public void setResendInterval(Duration resendInterval) {
            this.resendInterval = resendInterval;
        }
    }

    public static class Worker {
        private int batchSize = 50;
        /** Transient failures are retried with doubling backoff from this base ... */
        private Duration backoffBase = Duration.ofSeconds(30);
        /** ... up to this cap ... */
        private Duration backoffMax = Duration.ofMinutes(10);
        /** ... and given up after this many attempts in all. */
        private int maxAttempts = 5;
        /**
         * A delivery still SENDING after this long belongs to a node that died mid-call: it goes out again (a
         * possible duplicate, logged) because a missed page is worse than a duplicate.
         */
        private Duration sendingLease = Duration.ofMinutes(2);

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getBackoffBase() {
            return backoffBase;
        }

        public void setBackoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }

        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getSendingLease() {
            return sendingLease;
        }

        public void setSendingLease(Duration sendingLease) {
            this.sendingLease = sendingLease;
        }
    }

    public static class RateLimits {
        private Duration window = Duration.ofMinutes(15);
        private int smsPerWindow = 5;
        private int voicePerWindow = 3;
        /** At most one SMS or call per contact method per this interval. */
        private Duration minInterval = Duration.ofMinutes(1);

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getSmsPerWindow() {
            return smsPerWindow;
        }

        public void setSmsPerWindow(int smsPerWindow) {
            this.smsPerWindow = smsPerWindow;
        }

        public int getVoicePerWindow() {
            return voicePerWindow;
        }

        public void setVoicePerWindow(int voicePerWindow) {
            this.voicePerWindow = voicePerWindow;
        }

        public Duration getMinInterval() {
            return minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }

        public int perWindow(ContactMethodType type) {
            return switch (type) {
                case SMS -> smsPerWindow;
                case VOICE -> voicePerWindow;
                default -> Integer.MAX_VALUE;
            };
        }
    }

    public static class Twilio {
        private String baseUrl = "https://api.twilio.com";
        private String accountSid = "";
        private String authToken = "";
        /** The number messages and calls come from (E.164). */
        private String fromNumber = "";
        private Duration timeout = Duration.ofSeconds(10);

        public boolean configured() {
            return !accountSid.isBlank() && !authToken.isBlank() && !fromNumber.isBlank();
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getAccountSid() {
            return accountSid;
        }

        public void setAccountSid(String accountSid) {
            this.accountSid = accountSid;
        }

        public String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(String authToken) {
            this.authToken = authToken;
        }

        public String getFromNumber() {
            return fromNumber;
        }

        public void setFromNumber(String fromNumber) {
            this.fromNumber = fromNumber;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    public static class Webhook {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getResponseTimeout() {
            return responseTimeout;
        }

        public void setResponseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
        }
    }
}
