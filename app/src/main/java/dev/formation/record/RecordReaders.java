package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;

/**
 * Someone besides the row scope whom the engine lets read a record: those with a task on the
 * record's flow (see {@link RecordService#sight}). The record's files follow the same rule.
 */
public interface RecordReaders {

    boolean readsThroughTask(Form form, long recordId, Actor actor);
}
