-- Several app nodes: uploaded files in the database, who may read them, and e-mails claimed
-- one at a time.

-- An e-mail is claimed by one node before it is sent and released when its outcome is written,
-- so two nodes never send the same one. A claim older than the job's claim timeout belongs to
-- a node that died while sending and may be taken over.
ALTER TABLE `notifications` ADD COLUMN `email_claimed_by` VARCHAR(100) NULL;
ALTER TABLE `notifications` ADD COLUMN `email_claimed_at` DATETIME NULL;

-- Uploaded files' contents when the database is the file storage (the default on MySQL/MariaDB):
-- parts of at most 512 KB, far below max_allowed_packet, so nothing holds a whole file at once.
CREATE TABLE `file_contents` (
    `file_id` VARCHAR(64) NOT NULL,
    `part` INT NOT NULL,
    `data` MEDIUMBLOB NOT NULL,
    PRIMARY KEY (`file_id`, `part`)
);

-- Where each uploaded file is held: a record's field (a sub-table's rows under the table field),
-- or a flow instance (a change request's documents and proposed values, a comment's attachments).
-- A file is served to whoever may read a place that holds it, and to its uploader until one does.
CREATE TABLE `file_links` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `file_id` VARCHAR(64) NOT NULL,
    `holder` VARCHAR(16) NOT NULL,
    `form_key` VARCHAR(64) NOT NULL,
    `holder_id` BIGINT NOT NULL,
    `field_key` VARCHAR(64) NOT NULL
);
CREATE INDEX `ix_file_links_file` ON `file_links` (`file_id`);
CREATE INDEX `ix_file_links_holder` ON `file_links` (`holder`, `form_key`, `holder_id`);

-- One-off work for the application at its next start-up, e.g. linking the files uploaded before
-- file_links existed (only a database that already has files needs it).
CREATE TABLE `startup_tasks` (
    `task` VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO `startup_tasks` (`task`) SELECT 'link-existing-files' FROM `files` LIMIT 1;
