package dev.formation.record;

import dev.formation.form.Form;

/**
 * Someone besides the row scope who may read a record, as the engine shows it to them: an
 * approver sees the record through their task. The record's files follow the same rule.
 */
public interface RecordReaders {

    boolean mayRead(Form form, long recordId, Actor actor);
}
