package dev.formation.form;

import java.util.List;
import java.util.Set;

/**
 * China's province-level divisions (GB/T 2260), which a region value must start with.
 * Cities and districts are free text for now: the full GB/T 2260 list is not shipped yet.
 */
public final class Regions {

    static final List<String> PROVINCES = List.of(
            "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
            "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
            "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
            "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
            "台湾省", "香港特别行政区", "澳门特别行政区");

    private Regions() {
    }

    private static final Set<String> PROVINCE_SET = Set.copyOf(PROVINCES);

    public static boolean isValid(String region) {
        return PROVINCE_SET.contains(region.split("/", 2)[0]);
    }

    /**
     * The JSON Schema pattern of a region: a province, then up to two more levels of up to 30
     * characters each, separated by '/', with the characters text may hold.
     */
    static String pattern() {
        String level = "[^/" + TextRules.NOT_ON_ONE_LINE + "]{1,30}";
        return "^(" + String.join("|", PROVINCES) + ")(/" + level + "){0,2}$";
    }
}
