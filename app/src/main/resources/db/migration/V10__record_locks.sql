-- One row per group of records whose writes must take turns, e.g. the records of one person
-- under a form's noOverlap constraint: a write holds its group's row (SELECT ... FOR UPDATE)
-- from its check to its commit, so two writers cannot both find no overlap and both save.
-- A row is created the first time its group is written and kept (they are few and tiny).
CREATE TABLE `record_locks` (
    `lock_key` VARCHAR(190) NOT NULL PRIMARY KEY
);
