package io.github.kcconsent.openbanking.payments.validation;

import java.time.DayOfWeek;

/** The spec's Portuguese day names for weekly schedules. */
public enum Weekday {
    SEGUNDA_FEIRA(DayOfWeek.MONDAY),
    TERCA_FEIRA(DayOfWeek.TUESDAY),
    QUARTA_FEIRA(DayOfWeek.WEDNESDAY),
    QUINTA_FEIRA(DayOfWeek.THURSDAY),
    SEXTA_FEIRA(DayOfWeek.FRIDAY),
    SABADO(DayOfWeek.SATURDAY),
    DOMINGO(DayOfWeek.SUNDAY);

    private final DayOfWeek day;

    Weekday(DayOfWeek day) {
        this.day = day;
    }

    public DayOfWeek day() {
        return day;
    }
}
