-- The platform's own tables, in the configured database (the tenant `default`'s), migrated with
-- their own history table (platform_schema_history). Each other tenant has a schema of its own.

CREATE TABLE `platform_tenants` (
    `tenant_key` VARCHAR(32) NOT NULL PRIMARY KEY,
    `name` VARCHAR(100) NOT NULL,
    -- provisioning, active or suspended
    `status` VARCHAR(16) NOT NULL,
    `created_at` DATETIME NOT NULL
);

-- users of the tenant `default` who may provision, list, suspend and resume tenants
CREATE TABLE `platform_admins` (
    `username` VARCHAR(64) NOT NULL PRIMARY KEY,
    `created_at` DATETIME NOT NULL
);
