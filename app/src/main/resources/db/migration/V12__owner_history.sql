-- Who owned a record when, and why it changed hands: one row per change of a record's owner
-- (a transfer, a flow's outcome such as a pool claim or release, an edit, an import, a restore
-- from the recycle bin, the engine's reclaim). A record's first owner is the one it was created
-- with: the first row's previous_owner, or its owner today when it has no row.
CREATE TABLE `owner_history` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `form_key` VARCHAR(64) NOT NULL,
    `record_id` BIGINT NOT NULL,
    `previous_owner` VARCHAR(64) NULL,
    `new_owner` VARCHAR(64) NULL,
    `kind` VARCHAR(64) NOT NULL,
    `reason` VARCHAR(500) NULL,
    `changed_by` VARCHAR(64) NOT NULL,
    `changed_at` DATETIME NOT NULL
);
CREATE INDEX `ix_owner_history_record` ON `owner_history` (`form_key`, `record_id`, `id`);
