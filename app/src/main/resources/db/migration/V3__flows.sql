-- Approval flows: instances, tasks, their timeline, the in-app notifications and their e-mail
-- outbox, and the leases that keep background jobs to one node at a time.

-- One run of a flow over one record. `definition_id` is the metadata_versions row of the flow
-- it started on: it finishes on that snapshot even after the definition changes.
CREATE TABLE `flow_instances` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `flow_key` VARCHAR(64) NOT NULL,
    `definition_id` BIGINT NOT NULL,
    `form_key` VARCHAR(64) NOT NULL,
    `record_id` BIGINT NOT NULL,
    `title` VARCHAR(300) NULL,
    `status` VARCHAR(16) NOT NULL,
    `submitter` VARCHAR(64) NOT NULL,
    `submitted_by` VARCHAR(64) NOT NULL,
    `current_node` VARCHAR(64) NULL,
    `payload` MEDIUMTEXT NULL,
    `started_at` DATETIME NOT NULL,
    `ended_at` DATETIME NULL,
    `version` BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX `ix_flow_instances_record` ON `flow_instances` (`form_key`, `record_id`, `status`);
CREATE INDEX `ix_flow_instances_submitter` ON `flow_instances` (`submitter`, `status`, `id`);

-- At most one holder per key: a record under approval, one pending application per applicant.
-- The primary key is what makes two simultaneous requests end with exactly one winner.
CREATE TABLE `flow_locks` (
    `lock_key` VARCHAR(200) NOT NULL PRIMARY KEY,
    `instance_id` BIGINT NOT NULL
);

-- A task is one person's turn at a node (kind approval), or a copy for information (kind cc).
-- `visit` counts how many times the instance reached the node, so a node reached again after a
-- return gets fresh tasks; `step` orders the tasks of one visit (sequential nodes, added
-- approvers): only the lowest unfinished step is pending.
CREATE TABLE `flow_tasks` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `instance_id` BIGINT NOT NULL,
    `node_key` VARCHAR(64) NOT NULL,
    `visit` INT NOT NULL,
    `step` INT NOT NULL,
    `kind` VARCHAR(16) NOT NULL,
    `assignee` VARCHAR(64) NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `added` VARCHAR(16) NULL,
    `acted_by` VARCHAR(64) NULL,
    `on_behalf_of` VARCHAR(64) NULL,
    `comment` VARCHAR(2000) NULL,
    `created_at` DATETIME NOT NULL,
    `acted_at` DATETIME NULL,
    `due_at` DATETIME NULL,
    `reminded_at` DATETIME NULL,
    `read_at` DATETIME NULL,
    `version` BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX `ix_flow_tasks_assignee` ON `flow_tasks` (`assignee`, `status`, `kind`);
CREATE INDEX `ix_flow_tasks_instance` ON `flow_tasks` (`instance_id`, `node_key`, `visit`);
CREATE INDEX `ix_flow_tasks_actor` ON `flow_tasks` (`acted_by`, `acted_at`);
CREATE INDEX `ix_flow_tasks_due` ON `flow_tasks` (`status`, `due_at`);

-- The instance's timeline: every action, with its comment, attachments and the fields an
-- approver changed.
CREATE TABLE `flow_events` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `instance_id` BIGINT NOT NULL,
    `at` DATETIME NOT NULL,
    `username` VARCHAR(64) NOT NULL,
    `on_behalf_of` VARCHAR(64) NULL,
    `action` VARCHAR(32) NOT NULL,
    `node_key` VARCHAR(64) NULL,
    `task_id` BIGINT NULL,
    `comment` VARCHAR(2000) NULL,
    `details` MEDIUMTEXT NULL
);
CREATE INDEX `ix_flow_events_instance` ON `flow_events` (`instance_id`, `id`);

-- Flows an administrator took out of service (no new instances).
CREATE TABLE `flow_unpublished` (
    `flow_key` VARCHAR(64) NOT NULL PRIMARY KEY,
    `unpublished_by` VARCHAR(64) NOT NULL,
    `unpublished_at` DATETIME NOT NULL
);

-- In-app notifications; `email_status` makes the table the e-mail outbox as well
-- (pending → sent | failed | none), delivered after commit by one node at a time.
CREATE TABLE `notifications` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `username` VARCHAR(64) NOT NULL,
    `at` DATETIME NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `subject` VARCHAR(300) NOT NULL,
    `body` VARCHAR(2000) NOT NULL,
    `link` VARCHAR(300) NULL,
    `instance_id` BIGINT NULL,
    `read_at` DATETIME NULL,
    `email_status` VARCHAR(16) NOT NULL,
    `email_attempts` INT NOT NULL DEFAULT 0,
    `email_next_at` DATETIME NULL,
    `email_error` VARCHAR(500) NULL
);
CREATE INDEX `ix_notifications_user` ON `notifications` (`username`, `read_at`, `id`);
CREATE INDEX `ix_notifications_email` ON `notifications` (`email_status`, `email_next_at`);

-- A background job runs on the node holding its lease; a node that dies loses it when it expires.
CREATE TABLE `job_leases` (
    `job` VARCHAR(64) NOT NULL PRIMARY KEY,
    `holder` VARCHAR(100) NOT NULL,
    `until_at` DATETIME NOT NULL
);
