package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.store.FileLinks;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A part of the engine that holds uploaded files (records hold them in their fields, flows in
 * their documents and comments) and decides who may read them there. {@link FileAccess} asks the
 * holder named by each of a file's links.
 */
public interface FileHolder {

    /** The {@code holder} this part writes into {@code file_links}, e.g. {@code "record"}. */
    String kind();

    /** Whether the actor may read the file where this link says it is held (the link's kind is this holder's). */
    boolean mayRead(FileLinks.Link link, Actor actor);

    /**
     * Writes the links of the files this part held before links were kept; runs once, in the
     * caller's transaction, when a database from an earlier version is first started.
     */
    void linkExisting(Connection c) throws SQLException;
}
