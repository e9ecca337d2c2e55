/**
 * Loading metadata, and the snapshot in force. Reads the YAML definitions of the shipped
 * layer (packaged from the top-level {@code metadata/} folder) and of the overlay folder,
 * deep-merges the overlay on top and then the tenant's layer (definitions stored in the database,
 * handed in as {@link dev.formation.metadata.LayerDefinition}s), and validates every document against the meta-schema of
 * its kind. A document that breaks its meta-schema is refused with one line naming the file,
 * the path inside it and the reason ({@link dev.formation.metadata.MetadataException}).
 *
 * <p>{@link dev.formation.metadata.MetadataSnapshot} is everything compiled from one set,
 * immutable, with its version; {@link dev.formation.metadata.MetadataHolder} serves the one in
 * force and swaps it in one step. Code asks the holder per request or operation rather than
 * keeping compiled metadata in fields. The compiling itself is {@code dev.formation.engine}'s,
 * since it needs the packages above this one.
 *
 * <p>{@link dev.formation.metadata.LayerDiff} tells what changed between two tenant layers (a
 * unified diff per definition), and {@link dev.formation.metadata.LayerArchive} writes a layer as
 * a zip laid out like {@code metadata/} and reads one back, refusing unsafe names and zip bombs.
 */
package dev.formation.metadata;
