package dev.formation.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid customer payloads (metadata/forms/customer.yaml) with names no other test uses. */
public final class Customers {

    private static final AtomicInteger SEQ = new AtomicInteger();
    /** GB 32100-2015: the alphabet (no I, O, Z, S, V) and the weights of the modulo-31 check character. */
    private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Customers() {
    }

    /** A name that is unique in this JVM run and easy to find with {@code q}. */
    public static String uniqueName(String prefix) {
        return prefix + "测试客户" + Long.toString(System.nanoTime(), 36).toUpperCase() + SEQ.incrementAndGet()
                + "有限公司";
    }

    /** A customer with every required field and one contact; mutable so a test can break it. */
    public static Map<String, Object> valid(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("founded_on", "2015-03-18");
        c.put("reg_address", "福建省福州市鼓楼区五四路158号环球广场15层");
        c.put("mail_address", "福建省福州市鼓楼区五四路158号环球广场15层");
        List<Object> contacts = new ArrayList<>();
        contacts.add(contact("林晓峰", "13905918888"));
        c.put("contacts", contacts);
        return c;
    }

    /** A valid customer as the edit page posts it: sub-table rows as {@code contacts[0].name}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> pageFields(String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        valid(name).forEach((key, value) -> {
            if (value instanceof List<?> rows) {
                for (int i = 0; i < rows.size(); i++) {
                    int row = i;
                    ((Map<String, Object>) rows.get(i)).forEach((k, v) -> fields.put(key + "[" + row + "]." + k, v));
                }
            } else {
                fields.put(key, value);
            }
        });
        return fields;
    }

    public static Map<String, Object> contact(String name, String mobile) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("department", "采购部");
        row.put("title", "采购经理");
        row.put("mobile", mobile);
        return row;
    }

    /** A random unified social credit code with a correct check character. */
    public static String uscc() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder("91350100");
        while (code.length() < 17) {
            code.append(USCC_CHARSET.charAt(random.nextInt(USCC_CHARSET.length())));
        }
        return code.append(usccCheck(code)).toString();
    }

    /** The check character for the first 17 characters. */
    public static char usccCheck(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < USCC_WEIGHTS.length; i++) {
            sum += USCC_CHARSET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return USCC_CHARSET.charAt(check == 31 ? 0 : check);
    }

    /** A mobile number the form accepts (11 digits, 1 then 3-9). */
    public static String mobile(int n) {
        return "139" + String.format("%08d", n % 100_000_000);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
