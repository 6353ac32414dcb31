package io.tocsin.incidents;

/** Further factors that raise the stakes of an incident (assessment, R18). */
public enum OtherFactor {
    SECURITY, DATA_LOSS, SOCIAL_MEDIA, REGULATORY, FINANCIAL, PRESS, OTHER
}
