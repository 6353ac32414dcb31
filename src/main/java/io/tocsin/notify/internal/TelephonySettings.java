package io.tocsin.notify.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tocsin.notify.telephony.order}: the SMS and voice providers by name, tried in this order. */
@ConfigurationProperties("tocsin.notify.telephony")
public class TelephonySettings {

    private List<String> order = List.of("twilio", "vonage");

    public List<String> getOrder() {
        return order;
    }

    public void setOrder(List<String> order) {
        this.order = List.copyOf(order);
    }
}
