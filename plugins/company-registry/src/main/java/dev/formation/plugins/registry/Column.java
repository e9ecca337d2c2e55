package dev.formation.plugins.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The columns a registry file may have, each known by a few header spellings. */
enum Column {
    NAME("企业名称", "name", "公司名称", "名称", "company"),
    CREDIT_CODE("统一社会信用代码", "credit_code", "uscc", "信用代码"),
    LEGAL_REPRESENTATIVE("法定代表人", "legal_representative", "legal_rep", "法人代表"),
    FOUNDED_ON("成立日期", "founded_on", "founding_date"),
    INDUSTRY("登记行业", "industry", "工商注册行业", "所属行业", "行业"),
    ADDRESS("注册地址", "address", "registered_address", "住所"),
    STATUS("登记状态", "status", "经营状态");

    private final List<String> headers;

    Column(String... headers) {
        this.headers = List.of(headers);
    }

    /** The column a header names; case, spaces and a BOM do not count. */
    static Optional<Column> of(String header) {
        String h = header == null ? "" : header.replace("\uFEFF", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (Column c : values()) {
            if (c.headers.contains(h)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    String header() {
        return headers.get(0);
    }
}
