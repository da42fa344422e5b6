package org.gongkai.tables;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masking rules applied on publication. Every function returns a form that does not contain the raw value:
 * <ul>
 * <li>person name: the surname stays, every other character becomes {@code *}; the surname is the first character, or the
 *     first two when the name starts with a common compound surname (复姓) and has a given name after it:
 *     张三 → 张*, 欧阳娜娜 → 欧阳**, 司马懿 → 司马*;</li>
 * <li>ID number: first 4 and last 4 characters: {@code 4401**********1234}; 15-digit numbers {@code 4401*******123};</li>
 * <li>phone: a mobile number keeps 3 + 4 ({@code 138****5678}); other numbers keep only the last 4 digits;</li>
 * <li>address: cut after the county-level unit (区, 县, 县级市, 旗); without one, after the prefecture; else fully masked;</li>
 * <li>bank account: {@code ****} and the last 4 digits;</li>
 * <li>date: coarsened to the month ({@code 2025-07-14} → {@code 2025-07}), so that a date does not single a person out
 *     together with the other columns of a case list (#18).</li>
 * </ul>
 */
public final class Masking {

    /** Common two-character surnames (复姓). */
    public static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容",
            "尉迟", "长孙", "宇文", "司徒", "夏侯", "公孙", "端木", "南宫", "西门", "独孤", "轩辕", "呼延", "澹台", "公冶", "太史",
            "申屠", "钟离", "闻人", "赫连", "万俟", "司空", "濮阳", "淳于", "单于", "拓跋", "百里", "东郭", "左丘", "第五", "梁丘");

    /** What an entirely hidden value shows. */
    public static final String HIDDEN = "***";

    private static final String HAN = "[\\u3400-\\u9fff]";
    private static final Pattern REGION = Pattern.compile("^(" + HAN + "{2,7}?(?:省|自治区|特别行政区)|(?:北京|天津|上海|重庆)市)?"
            + "(" + HAN + "{2,9}?(?:自治州|地区|盟|市))?"
            + "(" + HAN + "{1,9}?(?:自治县|自治旗|林区|县|区|旗|市))?");

    private Masking() {
    }

    /** Masks a value of the given column type. Types without a specific rule are hidden entirely. */
    public static String mask(ColumnType type, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return switch (type) {
            case PERSON_NAME -> personName(value);
            case ID_NUMBER -> idNumber(value);
            case PHONE -> phone(value);
            case ADDRESS -> address(value);
            case BANK_ACCOUNT -> bankAccount(value);
            case DATE -> value.strip().matches("\\d{4}-\\d{2}-\\d{2}") ? value.strip().substring(0, 7) : HIDDEN;
            default -> HIDDEN;
        };
    }

    public static String personName(String name) {
        String n = name.strip();
        int[] cps = n.codePoints().toArray();
        if (cps.length <= 1) {
            return "*";
        }
        int keep = 1;
        if (cps.length > 2 && COMPOUND_SURNAMES.contains(new String(cps, 0, 2))) {
            keep = 2;
        }
        return new String(cps, 0, keep) + "*".repeat(cps.length - keep);
    }

    public static String idNumber(String id) {
        String s = id.strip();
        if (s.length() <= 8) {
            return "*".repeat(s.length());
        }
        return s.substring(0, 4) + "*".repeat(s.length() - 8) + s.substring(s.length() - 4);
    }

    public static String phone(String phone) {
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        if (digits.length() <= 4) {
            return "****";
        }
        return "****" + digits.substring(digits.length() - 4);
    }

    public static String bankAccount(String account) {
        String digits = account.replaceAll("\\D", "");
        if (digits.length() <= 4) {
            return "****";
        }
        return "****" + digits.substring(digits.length() - 4);
    }

    public static String address(String address) {
        String a = address.strip().replace(" ", "");
        Matcher m = REGION.matcher(a);
        int end = 0;
        if (m.lookingAt()) {
            if (m.group(3) != null) {
                end = m.end(3);
            } else if (m.group(2) != null) {
                end = m.end(2);
            }
        }
        if (end == 0) {
            return HIDDEN;
        }
        String kept = a.substring(0, end);
        return kept.length() < a.length() ? kept + "…" : kept;
    }
}
