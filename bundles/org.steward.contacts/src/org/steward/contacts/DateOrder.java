package org.steward.contacts;

/**
 * The order of day, month and year in an import file's numeric dates such as {@code 3/4/1980}. Without one, a date
 * is read only where it is unambiguous ({@code 3/14/1980} can only be month first); an ambiguous date is left out of
 * its field and reported.
 */
public enum DateOrder {
    /** {@code 14/3/1980}, {@code 14.03.1980}: most of Europe. */
    DAY_MONTH_YEAR,
    /** {@code 3/14/1980}: the United States (Outlook and Google exports of an en-US system). */
    MONTH_DAY_YEAR,
    /** {@code 1980/3/14}: China, Japan, ISO. */
    YEAR_MONTH_DAY
}
