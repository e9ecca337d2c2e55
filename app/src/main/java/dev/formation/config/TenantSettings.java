package dev.formation.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code formation.tenants.*} settings: how tenants' schemas are named, the base domain whose
 * sub-domains name tenants, and who administers the platform. None is needed by a
 * single-company installation, which runs as the tenant {@code default}.
 */
@ConfigurationProperties("formation.tenants")
public class TenantSettings {

    private String schemaPrefix = "formation_";
    private String baseDomain = "";
    private List<String> platformAdmins = new ArrayList<>();
    private int statusCacheSeconds = 2;

    /** A tenant's schema (database on MySQL/MariaDB) is this prefix and its key: {@code formation_acme}. */
    public String getSchemaPrefix() {
        return schemaPrefix;
    }

    public void setSchemaPrefix(String schemaPrefix) {
        this.schemaPrefix = schemaPrefix;
    }

    /** E.g. {@code crm.example.com}: the pages of {@code acme.crm.example.com} are the tenant {@code acme}'s; empty: no sub-domains. */
    public String getBaseDomain() {
        return baseDomain;
    }

    public void setBaseDomain(String baseDomain) {
        this.baseDomain = baseDomain;
    }

    /** Users of the tenant {@code default} made platform administrators at start-up (kept after they leave this list). */
    public List<String> getPlatformAdmins() {
        return platformAdmins;
    }

    public void setPlatformAdmins(List<String> platformAdmins) {
        this.platformAdmins = platformAdmins;
    }

    /** How long a node trusts what it read of a tenant's status: a suspension counts on every node within this. */
    public int getStatusCacheSeconds() {
        return statusCacheSeconds;
    }

    public void setStatusCacheSeconds(int statusCacheSeconds) {
        this.statusCacheSeconds = statusCacheSeconds;
    }
}
