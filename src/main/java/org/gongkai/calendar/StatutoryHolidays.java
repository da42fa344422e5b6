package org.gongkai.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.tyme.lunar.LunarDay;
import com.tyme.solar.SolarDay;
import com.tyme.solar.SolarTerm;

/**
 * The statutory public holidays of any year under 《全国年节及纪念日放假办法》 as amended in 2024 (国务院令第795号), without the
 * State Council's yearly arrangement (no 调休, nothing moved next to a weekend): 元旦 1 day; 春节 4 days, 除夕 to 初三; 清明 1 day,
 * on the day of the 清明 solar term; 劳动节 2 days (5-1, 5-2); 端午 1 day (五月初五); 中秋 1 day (八月十五); 国庆 3 days (10-1 to 10-3).
 * When two fall on one day (中秋 on 10-3 in 2028) the day counts once: the law gives no extra day, the yearly arrangement may.
 * <p>
 * Lunar dates and the solar term come from tyme4j (6tail), which follows the official Chinese calendar (Beijing time).
 * ICU4J's ChineseCalendar was tried first and is a day late for 春节 2027 (gives 02-07; the new moon is at 23:56 Beijing time on
 * 02-06, and the official date is 02-06) and 2030 (gives 02-02; official 02-03).
 */
public final class StatutoryHolidays {

    private static final Map<Integer, Map<LocalDate, String>> BY_YEAR = new ConcurrentHashMap<>();

    private StatutoryHolidays() {
    }

    /** The statutory holidays of a year with their names, in date order. */
    public static Map<LocalDate, String> of(int year) {
        return BY_YEAR.computeIfAbsent(year, StatutoryHolidays::compute);
    }

    /** 春节 (正月初一) of {@code year}. */
    public static LocalDate springFestival(int year) {
        return date(LunarDay.fromYmd(year, 1, 1).getSolarDay());
    }

    /** 除夕: the last day of the twelfth lunar month (the 29th or the 30th), the day before 春节. */
    public static LocalDate lunarNewYearsEve(int year) {
        return springFestival(year).minusDays(1);
    }

    /** 清明: the day (Beijing time) of the 清明 solar term, the sun at ecliptic longitude 15°. */
    public static LocalDate qingming(int year) {
        return date(SolarTerm.fromName(year, "清明").getSolarDay());
    }

    private static Map<LocalDate, String> compute(int year) {
        Map<LocalDate, String> days = new TreeMap<>();
        days.put(LocalDate.of(year, 1, 1), "元旦");
        // the 春节 that begins in this year; the one of the year before never reaches into it (初一 is on or after 21 January)
        LocalDate eve = lunarNewYearsEve(year);
        for (int i = 0; i < 4; i++) {
            add(days, eve.plusDays(i), "春节");
        }
        add(days, qingming(year), "清明节");
        add(days, LocalDate.of(year, 5, 1), "劳动节");
        add(days, LocalDate.of(year, 5, 2), "劳动节");
        add(days, date(LunarDay.fromYmd(year, 5, 5).getSolarDay()), "端午节");
        add(days, date(LunarDay.fromYmd(year, 8, 15).getSolarDay()), "中秋节");
        for (int d = 1; d <= 3; d++) {
            add(days, LocalDate.of(year, 10, d), "国庆节");
        }
        return Collections.unmodifiableMap(days);
    }

    private static void add(Map<LocalDate, String> days, LocalDate day, String name) {
        days.merge(day, name, (a, b) -> a.equals(b) ? a : a + "、" + b);
    }

    private static LocalDate date(SolarDay day) {
        return LocalDate.of(day.getYear(), day.getMonth(), day.getDay());
    }
}
