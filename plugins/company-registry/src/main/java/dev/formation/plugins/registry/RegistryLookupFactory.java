package dev.formation.plugins.registry;

import dev.formation.plugin.api.CompanyLookup;
import dev.formation.plugin.api.CompanyLookupFactory;
import dev.formation.plugin.api.CompanyRegistryException;
import dev.formation.plugin.api.Message;

/** Registers the {@code registry} company lookup with the engine through {@link java.util.ServiceLoader}. */
public final class RegistryLookupFactory implements CompanyLookupFactory {

    public static final String ID = "registry";

    private static final Message FILE_FORMAT = Message.of(
            "CSV（UTF-8）或 XLSX（第一个工作表），第一行为表头：企业名称（必填）、统一社会信用代码、法定代表人、"
                    + "成立日期、登记行业（如“I65 软件和信息技术服务业”）、注册地址、登记状态；英文表头 name、credit_code、"
                    + "legal_representative、founded_on、industry、address、status 亦可。",
            "CSV (UTF-8) or XLSX (the first sheet) with a header row: 企业名称/name (required), "
                    + "统一社会信用代码/credit_code, 法定代表人/legal_representative, 成立日期/founded_on, "
                    + "登记行业/industry (e.g. \"I65 软件和信息技术服务业\"), 注册地址/address, 登记状态/status.");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Message fileFormat() {
        return FILE_FORMAT;
    }

    @Override
    public boolean reads(String fileName) {
        return RegistryFiles.reads(fileName);
    }

    @Override
    public CompanyLookup read(String fileName, byte[] content) throws CompanyRegistryException {
        return new RegistryLookup(RegistryFiles.read(fileName, content));
    }
}
