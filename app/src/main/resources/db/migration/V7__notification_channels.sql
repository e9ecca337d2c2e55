-- Notifications go out over several channels (e-mail, chat group robots): the outbox row keeps
-- the channels it still has to reach, comma-separated, so a retry resends only to the channels
-- that failed. NULL (rows written before this column) means every channel that reaches the user.
ALTER TABLE `notifications` ADD COLUMN `email_channels` VARCHAR(200) NULL;
