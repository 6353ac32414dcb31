package io.tocsin.alerts.internal.format;

/**
 * How long each stored field may be: the columns of {@code alert}, {@code alert_member} and {@code change_event}
 * (V100), and the vendors' own documented limits where they are tighter (Opsgenie: message 130, alias 512,
 * description 15,000, source and user 100; PagerDuty: summary 1,024, dedup_key 255).
 */
public final class Limits {

    public static final int SUMMARY = 1024;
    public static final int SOURCE = 255;
    public static final int SOURCE_SEVERITY = 40;
    public static final int DEDUP_KEY = 512;
    public static final int ACTOR = 200;
    public static final int DETAILS = 1_000_000;
    public static final int LINKS = 100_000;
    public static final int CHANGE_DETAILS = 100_000;
    public static final int FINGERPRINT = 64;
    public static final int MEMBER_NAME = 500;
    public static final int MEMBER_STATUS = 20;

    public static final int LINK_HREF = 2048;
    public static final int LINK_TEXT = 256;
    public static final int MAX_LINKS = 20;
    /** PagerDuty's component, group, class and client fields (kept in the details). */
    public static final int PAGERDUTY_FIELD = 1024;
    public static final int PAGERDUTY_DEDUP_KEY = 255;

    public static final int OPSGENIE_MESSAGE = 130;
    public static final int OPSGENIE_ALIAS = 512;
    public static final int OPSGENIE_DESCRIPTION = 15_000;
    public static final int OPSGENIE_SOURCE = 100;
    public static final int OPSGENIE_USER = 100;
    public static final int OPSGENIE_ENTITY = 512;
    public static final int OPSGENIE_NOTE = 25_000;

    private Limits() {
    }
}
