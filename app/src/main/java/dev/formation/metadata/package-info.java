/**
 * Loading metadata: reads the YAML definitions of the shipped layer (packaged from the
 * top-level {@code metadata/} folder) and of the overlay folder, deep-merges the overlay
 * on top, and validates every document against the meta-schema of its kind. A document
 * that breaks its meta-schema is refused with one line naming the file, the path inside
 * it and the reason ({@link dev.formation.metadata.MetadataException}).
 */
package dev.formation.metadata;
