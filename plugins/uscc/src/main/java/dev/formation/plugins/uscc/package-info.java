/**
 * The {@code uscc} field format: the Chinese Unified Social Credit Code of GB 32100-2015.
 *
 * <p>The plugin only checks structure and the check character; it cannot tell whether a
 * code was actually issued, which needs the national registry.
 */
package dev.formation.plugins.uscc;
