package dev.formation.bench;

import java.util.Random;

/**
 * Realistic Chinese values for loaded rows: company names (unique by construction), people's
 * names, addresses. Company names combine a city, a two-character brand and an industry word;
 * row {@code n} maps to one combination through a bijection, so a million names never repeat.
 */
final class ChineseText {

    static final String[] CITIES = {"北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安",
            "重庆", "天津", "长沙", "郑州", "青岛", "厦门", "福州", "合肥", "济南", "宁波", "无锡", "佛山", "东莞",
            "昆明", "沈阳", "大连", "哈尔滨", "南昌", "贵阳", "石家庄"};
    private static final String[] PROVINCES = {"北京市", "上海市", "广东省", "广东省", "浙江省", "江苏省", "江苏省",
            "四川省", "湖北省", "陕西省", "重庆市", "天津市", "湖南省", "河南省", "山东省", "福建省", "福建省",
            "安徽省", "山东省", "浙江省", "江苏省", "广东省", "广东省", "云南省", "辽宁省", "辽宁省", "黑龙江省",
            "江西省", "贵州省", "河北省"};
    private static final String BRAND = ("华盛创新泰达恒信瑞丰鼎宏远博通海天正和金源中联伟业嘉兴汇隆宝安明辉永昌"
            + "德润锦程新宇航星光耀东方腾飞凯越广汇天成利民安康富达佳世纪晨阳鑫隆祥云蓝图智美启元")
            .chars().distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    static final String[] INDUSTRIES = {"科技", "信息技术", "贸易", "实业", "建设工程", "电子", "机械设备", "医药",
            "食品", "物流", "新能源", "软件", "网络科技", "环保科技", "生物科技", "文化传媒", "投资", "精密制造",
            "化工", "供应链管理"};
    private static final String[] SUFFIXES = {"有限公司", "股份有限公司", "集团有限公司"};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰飞鹏辉晓峰婷雪梅斌宇浩凯";
    private static final String[] DISTRICTS = {"高新区", "经济开发区", "市中区", "滨江区", "开发区", "新城区"};
    private static final String[] ROADS = {"人民路", "解放路", "中山路", "建设大道", "科技园路", "长江路", "黄河路",
            "文化路", "南京路", "创业大道"};

    private ChineseText() {
    }

    /** The city index of company {@code n} (the same one its name and address use). */
    static int city(long n) {
        return (int) (permute(n) % CITIES.length);
    }

    /** A company name unique for every {@code n} below 30 × 70 × 70 × 20 (2.9 million). */
    static String company(long n) {
        long m = permute(n);
        int city = (int) (m % CITIES.length);
        m /= CITIES.length;
        int b1 = (int) (m % BRAND.length());
        m /= BRAND.length();
        int b2 = (int) (m % BRAND.length());
        m /= BRAND.length();
        int industry = (int) (m % INDUSTRIES.length);
        return CITIES[city] + BRAND.charAt(b1) + BRAND.charAt(b2) + INDUSTRIES[industry]
                + SUFFIXES[(int) (n % 7 == 0 ? n % 3 : 0)];
    }

    private static long permute(long n) {
        long total = (long) CITIES.length * BRAND.length() * BRAND.length() * INDUSTRIES.length;
        // 7919 is prime and does not divide total: n -> (n * 7919 + 12345) mod total is a bijection
        return Math.floorMod(n * 7919L + 12345L, total);
    }

    static String person(Random random) {
        String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()));
        return random.nextInt(3) == 0 ? name : name + GIVEN.charAt(random.nextInt(GIVEN.length()));
    }

    static String address(int city, Random random) {
        return PROVINCES[city] + CITIES[city] + "市" + DISTRICTS[random.nextInt(DISTRICTS.length)]
                + ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(999)) + "号";
    }
}
