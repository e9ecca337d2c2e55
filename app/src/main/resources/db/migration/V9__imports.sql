-- Spreadsheet imports into a form's records. An import runs in the background on the node that
-- received it; its row is its progress (every node can answer how far it is), its errors name
-- the sheet, row and column, and the records it inserted or changed are kept (with the values a
-- change replaced) so that the import can be reverted.
CREATE TABLE `imports` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `form_key` VARCHAR(64) NOT NULL,
    `import_mode` VARCHAR(16) NOT NULL,
    `key_field` VARCHAR(64) NULL,
    `dry_run` BOOLEAN NOT NULL,
    `file_id` VARCHAR(64) NOT NULL,
    `file_name` VARCHAR(255) NOT NULL,
    `locale` VARCHAR(16) NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `total` INT NOT NULL,
    `processed` INT NOT NULL,
    `inserted` INT NOT NULL,
    `updated` INT NOT NULL,
    `failed` INT NOT NULL,
    `message` VARCHAR(1000) NULL,
    `created_by` VARCHAR(64) NOT NULL,
    `created_at` DATETIME NOT NULL,
    `heartbeat_at` DATETIME NOT NULL,
    `finished_at` DATETIME NULL,
    `reverted_by` VARCHAR(64) NULL,
    `reverted_at` DATETIME NULL,
    `reverted` INT NOT NULL DEFAULT 0,
    `kept` INT NOT NULL DEFAULT 0
);
CREATE INDEX `ix_imports_form` ON `imports` (`form_key`, `id`);

CREATE TABLE `import_errors` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `import_id` BIGINT NOT NULL,
    `sheet` VARCHAR(100) NOT NULL,
    `sheet_row` INT NOT NULL,
    `record_row` INT NOT NULL,
    `field` VARCHAR(200) NULL,
    `column_index` INT NULL,
    `message` VARCHAR(1000) NOT NULL
);
CREATE INDEX `ix_import_errors_import` ON `import_errors` (`import_id`, `id`);

CREATE TABLE `import_records` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `import_id` BIGINT NOT NULL,
    `record_id` BIGINT NOT NULL,
    `record_row` INT NOT NULL,
    `action` VARCHAR(8) NOT NULL,
    `version_after` BIGINT NOT NULL,
    `before_values` MEDIUMTEXT NULL,
    `outcome` VARCHAR(16) NULL
);
CREATE INDEX `ix_import_records_import` ON `import_records` (`import_id`, `id`);

-- the batch an audit entry's write belongs to, e.g. import:12
ALTER TABLE `audit_log` ADD COLUMN `batch` VARCHAR(64) NULL;
