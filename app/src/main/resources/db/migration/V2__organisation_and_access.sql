-- Organisation, sharing, ownership, delegation and login records (permissions issue).

ALTER TABLE `departments` ADD COLUMN `kind` VARCHAR(16) NOT NULL DEFAULT 'department';
ALTER TABLE `departments` ADD COLUMN `leader` VARCHAR(64) NULL;
ALTER TABLE `users` ADD COLUMN `supervisor` VARCHAR(64) NULL;
ALTER TABLE `users` ADD COLUMN `password_changed_at` DATETIME NULL;

-- Owners beyond the record's main `owner` column (seed 000: a record may have several).
CREATE TABLE `record_owners` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `form_key` VARCHAR(64) NOT NULL,
    `record_id` BIGINT NOT NULL,
    `username` VARCHAR(64) NOT NULL,
    `added_by` VARCHAR(64) NOT NULL,
    `added_at` DATETIME NOT NULL,
    CONSTRAINT `ux_record_owners` UNIQUE (`form_key`, `record_id`, `username`)
);
CREATE INDEX `ix_record_owners_user` ON `record_owners` (`username`, `form_key`);

-- A share gives one user, or everyone in a department, read access to a record.
CREATE TABLE `record_shares` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `form_key` VARCHAR(64) NOT NULL,
    `record_id` BIGINT NOT NULL,
    `username` VARCHAR(64) NULL,
    `department` VARCHAR(64) NULL,
    `shared_by` VARCHAR(64) NOT NULL,
    `shared_at` DATETIME NOT NULL
);
CREATE INDEX `ix_record_shares_record` ON `record_shares` (`form_key`, `record_id`);
CREATE INDEX `ix_record_shares_user` ON `record_shares` (`username`, `form_key`);
CREATE INDEX `ix_record_shares_dept` ON `record_shares` (`department`, `form_key`);
CREATE INDEX `ix_record_shares_by` ON `record_shares` (`shared_by`, `form_key`);

CREATE TABLE `delegations` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `principal` VARCHAR(64) NOT NULL,
    `delegate` VARCHAR(64) NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `starts_at` DATETIME NOT NULL,
    `ends_at` DATETIME NOT NULL,
    `revoked_at` DATETIME NULL,
    `created_at` DATETIME NOT NULL
);
CREATE INDEX `ix_delegations_delegate` ON `delegations` (`delegate`, `kind`);
CREATE INDEX `ix_delegations_principal` ON `delegations` (`principal`, `kind`);

ALTER TABLE `audit_log` ADD COLUMN `on_behalf_of` VARCHAR(64) NULL;
ALTER TABLE `audit_log` ADD COLUMN `client_address` VARCHAR(64) NULL;
CREATE INDEX `ix_audit_log_form_at` ON `audit_log` (`form_key`, `at`);

CREATE TABLE `login_log` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `at` DATETIME NOT NULL,
    `username` VARCHAR(64) NOT NULL,
    `outcome` VARCHAR(16) NOT NULL,
    `client_address` VARCHAR(64) NULL
);
CREATE INDEX `ix_login_log_user` ON `login_log` (`username`, `at`);
