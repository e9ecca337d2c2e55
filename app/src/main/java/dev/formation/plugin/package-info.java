/**
 * Loads plugins through the SPI in {@code plugins/api} with {@link java.util.ServiceLoader}
 * and hands the engine what they provide (field formats today; validators, notifiers and
 * actions as those extension points arrive).
 */
package dev.formation.plugin;
