package org.gongkai.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.gongkai.tables.IdNumber;

/** Realistic but invented people for demo data and tests: names, valid ID numbers, mobile numbers, addresses, cards. */
public final class SyntheticPeople {

    public static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "郑", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
            "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余", "叶", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任", "姚", "卢", "钟");
    public static final List<String> COMPOUND = List.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟",
            "长孙", "宇文", "司徒", "夏侯", "公孙");
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕晓东丹凤嘉怡子涵浩然"
            + "欣怡梓轩雨桐思远文博佳琪俊杰婷婷宇航晨曦雅琴德华淑珍永康";
    /** Districts of 示范市 with their area codes. */
    private static final String[][] DISTRICTS = {{"440103", "城西区"}, {"440104", "城中区"}, {"440105", "江南区"},
            {"440106", "城东区"}, {"440111", "北山区"}, {"440112", "港湾区"}, {"440113", "南湖区"}, {"440114", "花溪区"},
            {"440115", "新港区"}, {"440117", "东岭区"}, {"440118", "荔城区"}};
    private static final String[] STREETS = {"江南大道中", "东风中路", "中山五路", "健康北路", "示范大道南", "解放北路", "工业大道",
            "港湾东路", "市桥街光明北路", "新华街公益路", "沙太路", "宝岗大道", "城西大道", "黄石东路", "荔城街府佑路"};
    private static final String[] VILLAGES = {"石井街庆丰村", "太和镇大源村", "钟落潭镇良田村", "石楼镇海鸥岛", "鳌头镇龙潭村"};

    private SyntheticPeople() {
    }

    public static String name(Random random) {
        String surname = random.nextInt(8) == 0 ? COMPOUND.get(random.nextInt(COMPOUND.size()))
                : SURNAMES.get(random.nextInt(SURNAMES.size()));
        int length = random.nextInt(3) == 0 ? 1 : 2;
        StringBuilder name = new StringBuilder(surname);
        for (int i = 0; i < length; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /** An 18-character ID number with a valid check character; the district comes from the given index. */
    public static String idNumber18(Random random, int district) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 80));
        String first17 = DISTRICTS[Math.floorMod(district, DISTRICTS.length)][0]
                + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A 15-digit first-generation ID number (born 1930–1984). */
    public static String idNumber15(Random random) {
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 54));
        return DISTRICTS[random.nextInt(DISTRICTS.length)][0] + birth.toString().replace("-", "").substring(2)
                + String.format("%03d", random.nextInt(1000));
    }

    public static String mobile(Random random) {
        String[] prefixes = {"130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                "166", "177", "180", "181", "186", "187", "188", "189", "195", "198"};
        return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
    }

    /** A home address in the district of the given index, with street or village, number and flat. */
    public static String address(Random random, int district) {
        String d = DISTRICTS[Math.floorMod(district, DISTRICTS.length)][1];
        if (random.nextInt(4) == 0) {
            return "示范市" + d + VILLAGES[random.nextInt(VILLAGES.length)] + (random.nextInt(90) + 1) + "号";
        }
        String prefix = random.nextBoolean() ? "示范省示范市" : "示范市";
        return prefix + d + STREETS[random.nextInt(STREETS.length)] + (random.nextInt(400) + 1) + "号"
                + (random.nextInt(30) + 1) + "0" + (random.nextInt(8) + 1) + "房";
    }

    public static int districts() {
        return DISTRICTS.length;
    }

    /** A 19-digit bank card number (银联 62 prefix) passing the Luhn check. */
    public static String bankCard(Random random) {
        StringBuilder s = new StringBuilder("6222");
        while (s.length() < 18) {
            s.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = s.toString() + check;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
