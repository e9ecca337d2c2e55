-- A user's tokens carry the version they were issued at; raising it (logout, password change or
-- reset, disabling, a lost role) ends every token issued before, on every node.
ALTER TABLE `users` ADD COLUMN `token_version` INT NOT NULL DEFAULT 0;
