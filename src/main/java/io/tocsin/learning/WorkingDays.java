package io.tocsin.learning;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Counting working days (Monday to Friday) for due dates. */
public final class WorkingDays {

    private WorkingDays() {
    }

    /** The day {@code days} working days after {@code from}; a weekend start counts from the next Monday. */
    public static LocalDate after(LocalDate from, int days) {
        var day = from;
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }
}
