/**
 * Loads plugins through the SPI in {@code plugins/api} with {@link java.util.ServiceLoader}
 * and hands the engine what they provide: field formats (with their validators) and notifiers.
 */
package dev.formation.plugin;
