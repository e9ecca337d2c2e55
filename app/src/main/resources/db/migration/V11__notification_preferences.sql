-- A person's own choice of the channels their notifications go out over (besides the in-app
-- inbox, which always has them). No row: their roles' choice applies, or the deployment's
-- default. channels is comma-separated; an empty string means the inbox only.
CREATE TABLE `notification_preferences` (
    `username` VARCHAR(64) NOT NULL PRIMARY KEY,
    `channels` VARCHAR(200) NOT NULL,
    `changed_at` TIMESTAMP NOT NULL
);
