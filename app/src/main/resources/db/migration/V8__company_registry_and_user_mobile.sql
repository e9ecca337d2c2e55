-- Company registry files an administrator loads for the company lookup: every load is a row,
-- the newest is the one searched. The file is kept as it was uploaded (a registry of a few
-- hundred thousand companies is tens of megabytes at most), so every node reads the same one.
CREATE TABLE `company_registries` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `file_name` VARCHAR(255) NOT NULL,
    `content` LONGBLOB NOT NULL,
    `checksum` VARCHAR(64) NOT NULL,
    `companies` INT NOT NULL,
    `loaded_by` VARCHAR(64) NOT NULL,
    `loaded_at` DATETIME NOT NULL
);

-- A user's mobile number, for the organisation's import and export (seed 003 user import/export).
ALTER TABLE `users` ADD COLUMN `mobile` VARCHAR(32) NULL;
