package org.steward.contacts.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.steward.contacts.DateOrder;
import org.steward.core.ValidationException;

/**
 * Birth dates in the forms address books write, to the stored form: ISO 8601 {@code 1980-04-23}, or {@code --04-23}
 * for a birthday without a year (vCard 4, ISO 8601 truncated). Read: ISO (a time after it ignored), basic
 * {@code 19800423}, year first with {@code /} or {@code .}, year-less {@code --04-23} and {@code --0423}, and day and
 * month in either order with {@code /}, {@code .} or {@code -} before a four-digit year where a part above 12 decides
 * or the file's {@link DateOrder} says. A two-digit year is read only where one century alone gives a date in the
 * past ({@code 3/14/85} is 1985: 2085 lies ahead); otherwise ({@code 05}: 1905 or 2005) it is left out, as is any
 * date whose order is ambiguous: a wrong birth date is worse than none.
 */
final class Dates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern BASIC = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
    private static final Pattern NO_YEAR = Pattern.compile("--(\\d{2})-?(\\d{2})");
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{2}|\\d{4})");

    /** A date as stored and how it was read: {@code rule} is null when the text was in the stored form already. */
    record Read(String value, String rule) {
    }

    private Dates() {
    }

    /**
     * Reads a birth date; a fault names {@code field}, never the value.
     *
     * @param order how day and month are ordered in the file; null reads only unambiguous dates
     * @throws ValidationException when the text is no date in a known form, its order or century is ambiguous, or
     *             it lies in the future or before 1880
     */
    static Read birthDate(String field, String text, DateOrder order, LocalDate today) {
        Matcher m;
        if ((m = NO_YEAR.matcher(text)).matches()) {
            int month = Integer.parseInt(m.group(1));
            int day = Integer.parseInt(m.group(2));
            try {
                String value = MonthDay.of(month, day).toString();
                return new Read(value, value.equals(text) ? null : "year-less birthday written as --MM-DD");
            } catch (DateTimeException e) {
                throw new ValidationException(field, "is not a day of the year");
            }
        }
        LocalDate date;
        String rule;
        if ((m = ISO.matcher(text)).matches()) {
            date = date(field, m.group(1), m.group(2), m.group(3));
            rule = "ISO 8601 date written in full";
        } else if ((m = BASIC.matcher(text)).matches()) {
            date = date(field, m.group(1), m.group(2), m.group(3));
            rule = "basic date YYYYMMDD written as YYYY-MM-DD";
        } else if ((m = YEAR_FIRST.matcher(text)).matches()) {
            date = date(field, m.group(1), m.group(2), m.group(3));
            rule = "date year/month/day written as YYYY-MM-DD";
        } else if ((m = NUMERIC.matcher(text)).matches()) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(3));
            boolean dayFirst = dayFirst(field, first, second, order);
            String year = year(field, m.group(4), today);
            date = dayFirst ? date(field, year, m.group(3), m.group(1)) : date(field, year, m.group(1), m.group(3));
            rule = (dayFirst ? "date day/month/year" : "date month/day/year") + " written as YYYY-MM-DD";
        } else {
            throw new ValidationException(field, "must be a date like 1980-04-23, 19800423 or --04-23");
        }
        if (date.isAfter(today) || date.getYear() < 1880) {
            throw new ValidationException(field, "is not a plausible birth date (in the future or before 1880)");
        }
        String value = date.toString();
        return new Read(value, value.equals(text) ? null : rule);
    }

    private static boolean dayFirst(String field, int first, int second, DateOrder order) {
        if (first > 12 && second <= 12) {
            return true;
        }
        if (second > 12 && first <= 12) {
            return false;
        }
        if (first == second) {
            return true; // 4/4/1980 reads the same either way
        }
        if (order == DateOrder.DAY_MONTH_YEAR || order == DateOrder.MONTH_DAY_YEAR) {
            return order == DateOrder.DAY_MONTH_YEAR;
        }
        throw new ValidationException(field, "is ambiguous: day and month could be either way round (set the "
                + "date order of the import)");
    }

    private static String year(String field, String year, LocalDate today) {
        if (year.length() == 4) {
            return year;
        }
        int yy = Integer.parseInt(year);
        if (yy > today.getYear() % 100) {
            return Integer.toString(1900 + yy);
        }
        throw new ValidationException(field, "has a two-digit year of which the century cannot be told");
    }

    private static LocalDate date(String field, String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw new ValidationException(field, "is not a date of the calendar");
        }
    }
}
