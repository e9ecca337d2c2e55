package dev.formation.plugin.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A company a {@link CompanyLookup} found, as a business registry (企查查, 国家企业信用信息公示系统)
 * lists it. Every attribute but the name may be unknown ({@code null}). The attribute names are
 * what form metadata maps onto fields ({@code lookup.fill}).
 *
 * @param name                the registered name
 * @param creditCode          the unified social credit code (18 characters)
 * @param legalRepresentative the legal representative
 * @param foundedOn           the founding date
 * @param industry            the registered industry as the registry writes it, e.g. {@code I65 软件和信息技术服务业}
 * @param industryCode        its GB/T 4754 code, e.g. {@code I65} (the section letter first), when known
 * @param address             the registered address
 * @param status              the registration status as the registry writes it, e.g. {@code 存续}
 */
public record CompanyCandidate(String name, String creditCode, String legalRepresentative, LocalDate foundedOn,
                               String industry, String industryCode, String address, String status) {

    public CompanyCandidate {
        Objects.requireNonNull(name, "name");
    }
}
