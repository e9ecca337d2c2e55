-- Platform tables. Form records live in tables the schema sync creates from metadata.
-- The SQL is the subset H2 (MySQL mode) and MySQL 8 / MariaDB both accept.

CREATE TABLE `users` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `username` VARCHAR(64) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `email` VARCHAR(254) NULL,
    `department` VARCHAR(64) NULL,
    `roles` VARCHAR(1000) NOT NULL DEFAULT '',
    `password_hash` VARCHAR(200) NOT NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT TRUE,
    `locale` VARCHAR(16) NULL,
    `created_at` DATETIME NOT NULL,
    CONSTRAINT `ux_users_username` UNIQUE (`username`)
);

CREATE TABLE `departments` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `dept_key` VARCHAR(64) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `parent_key` VARCHAR(64) NULL,
    CONSTRAINT `ux_departments_key` UNIQUE (`dept_key`)
);

CREATE TABLE `files` (
    `id` VARCHAR(64) NOT NULL PRIMARY KEY,
    `name` VARCHAR(255) NOT NULL,
    `content_type` VARCHAR(100) NOT NULL,
    `size_bytes` BIGINT NOT NULL,
    `sha256` VARCHAR(64) NOT NULL,
    `created_by` VARCHAR(64) NOT NULL,
    `created_at` DATETIME NOT NULL
);

CREATE TABLE `number_counters` (
    `counter_key` VARCHAR(190) NOT NULL PRIMARY KEY,
    `last_value` BIGINT NOT NULL
);

CREATE TABLE `metadata_versions` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `kind` VARCHAR(32) NOT NULL,
    `doc_key` VARCHAR(64) NOT NULL,
    `sha256` VARCHAR(64) NOT NULL,
    `content` MEDIUMTEXT NOT NULL,
    `loaded_at` DATETIME NOT NULL
);
CREATE INDEX `ix_metadata_versions_doc` ON `metadata_versions` (`kind`, `doc_key`, `id`);

CREATE TABLE `audit_log` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `at` DATETIME NOT NULL,
    `username` VARCHAR(64) NOT NULL,
    `action` VARCHAR(32) NOT NULL,
    `form_key` VARCHAR(64) NULL,
    `record_id` BIGINT NULL,
    `changes` MEDIUMTEXT NULL
);
CREATE INDEX `ix_audit_log_record` ON `audit_log` (`form_key`, `record_id`, `id`);
CREATE INDEX `ix_audit_log_user` ON `audit_log` (`username`, `at`);
