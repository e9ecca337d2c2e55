-- The tenant's layer of metadata, on top of the shipped one and the overlay folder, edited
-- while the app serves. The draft is what the administrator is editing; a publish copies the
-- whole draft into a numbered version, and the newest version is what start-up compiles.
CREATE TABLE `tenant_metadata_drafts` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `kind` VARCHAR(32) NOT NULL,
    `doc_key` VARCHAR(64) NOT NULL,
    `content` MEDIUMTEXT NOT NULL,
    `author` VARCHAR(64) NOT NULL,
    `changed_at` DATETIME NOT NULL
);
CREATE UNIQUE INDEX `ux_tenant_metadata_drafts_doc` ON `tenant_metadata_drafts` (`kind`, `doc_key`);

CREATE TABLE `tenant_metadata_versions` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `version_number` INT NOT NULL,
    `author` VARCHAR(64) NOT NULL,
    `published_at` DATETIME NOT NULL,
    `note` VARCHAR(1000) NULL
);
CREATE UNIQUE INDEX `ux_tenant_metadata_versions_number` ON `tenant_metadata_versions` (`version_number`);

-- Every definition of the tenant's layer as one version published it, so a version is whole.
CREATE TABLE `tenant_metadata_published` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `version_number` INT NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `doc_key` VARCHAR(64) NOT NULL,
    `content` MEDIUMTEXT NOT NULL
);
CREATE INDEX `ix_tenant_metadata_published_version` ON `tenant_metadata_published` (`version_number`, `kind`, `doc_key`);
