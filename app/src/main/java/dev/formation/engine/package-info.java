/**
 * The metadata snapshot's assembly: loading the layers at start-up and compiling a
 * {@link dev.formation.metadata.MetadataSet} into the immutable
 * {@link dev.formation.metadata.MetadataSnapshot} (forms and their JSON Schemas, dictionaries,
 * menus, roles, flows, reports, dashboards) that the {@link dev.formation.metadata.MetadataHolder}
 * serves. It sits above {@code form}, {@code security}, {@code flow} and {@code report}
 * because it compiles all of them; they reach the snapshot through the holder in
 * {@code metadata}, which depends on none of them.
 */
package dev.formation.engine;
