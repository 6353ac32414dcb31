package io.tocsin.importer.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.notify.ContactMethodType;

/**
 * Maps a source's contact method onto a Tocsin one (issue 20): e-mail, SMS and voice keep their address (phone
 * numbers in E.164, as Tocsin keeps them); the vendors' own apps have no Tocsin counterpart. Checked before
 * anything is written, so a bad address is reported instead of refused half-way.
 */
public final class ContactMapping {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Map<String, ContactMethodType> TYPES = Map.of(
            "email", ContactMethodType.EMAIL, "sms", ContactMethodType.SMS, "voice", ContactMethodType.VOICE,
            "email_contact_method", ContactMethodType.EMAIL, "sms_contact_method", ContactMethodType.SMS,
            "phone_contact_method", ContactMethodType.VOICE);
    private static final Map<String, String> APPS = Map.of(
            "mobile", "the Opsgenie app has no Tocsin counterpart: enable Web Push on the profile page instead",
            "push_notification_contact_method",
            "the PagerDuty app has no Tocsin counterpart: enable Web Push on the profile page instead");

    private ContactMapping() {
    }

    /** A contact method as Tocsin keeps it, or the reason it cannot be imported ({@code type} null). */
    public record Mapped(ContactMethodType type, String destination, String reason) {
    }

    public static Mapped map(SourceData.Contact contact) {
        String kind = contact.kind() == null ? "" : contact.kind();
        if (APPS.containsKey(kind)) {
            return new Mapped(null, null, APPS.get(kind));
        }
        ContactMethodType type = TYPES.get(kind);
        if (type == null) {
            return new Mapped(null, null, "contact type '" + kind + "' is not known to Tocsin");
        }
        String address = contact.address() == null ? "" : contact.address().strip();
        if (type == ContactMethodType.EMAIL) {
            return EMAIL.matcher(address).matches() && address.length() <= 320
                    ? new Mapped(type, address.toLowerCase(Locale.ROOT), null)
                    : new Mapped(null, null, "'" + address + "' is not an e-mail address");
        }
        String phone = address.replaceAll("[\\s()./-]", "");
        if (phone.startsWith("00")) {
            phone = "+" + phone.substring(2);
        }
        return E164.matcher(phone).matches() ? new Mapped(type, phone, null)
                : new Mapped(null, null, "'" + address + "' is not a phone number in international format");
    }
}
