/**
 * The {@code registry} company lookup: companies read from a registry file an administrator
 * loads (CSV in UTF-8, or the first sheet of an XLSX), searched in memory. With no internet
 * there is no live provider; an export of 企查查 or of the national enterprise credit system
 * saved as CSV or XLSX with the columns below is such a file.
 *
 * <p>Columns, by header (Chinese or English, in any order; only the name is required):
 * 企业名称/name, 统一社会信用代码/credit_code, 法定代表人/legal_representative,
 * 成立日期/founded_on, 登记行业/industry, 注册地址/address, 登记状态/status.
 */
package dev.formation.plugins.registry;
