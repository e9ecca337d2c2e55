/**
 * The metadata snapshot's assembly: loading the layers at start-up and compiling a
 * {@link dev.formation.metadata.MetadataSet} into the immutable
 * {@link dev.formation.metadata.MetadataSnapshot} (forms and their JSON Schemas, dictionaries,
 * menus, roles, flows, reports, dashboards) that the {@link dev.formation.metadata.MetadataHolder}
 * serves, and the live side of it: {@link dev.formation.engine.LiveMetadata} edits the tenant's
 * draft, checks and publishes it and swaps the new snapshot in, and
 * {@link dev.formation.engine.PublishWatcher} swaps in what another node published;
 * {@link dev.formation.engine.MetadataHistory} tells what each version changed and
 * {@link dev.formation.engine.MetadataExchange} exports and imports the tenant's layer as a zip. It sits above {@code form}, {@code security}, {@code flow}, {@code report} and {@code store}
 * because it compiles all of them; they reach the snapshot through the holder in
 * {@code metadata}, which depends on none of them.
 */
package dev.formation.engine;
