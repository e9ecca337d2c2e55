-- Several app nodes: uploaded files in the database, who may read them, and e-mails claimed
-- one at a time.

-- An e-mail is claimed by one node before it is sent and released when its outcome is written,
-- so two nodes never send the same one. A claim older than the job's claim timeout belongs to
-- a node that died while sending and may be taken over.
ALTER TABLE `notifications` ADD COLUMN `email_claimed_by` VARCHAR(100) NULL;
ALTER TABLE `notifications` ADD COLUMN `email_claimed_at` DATETIME NULL;
