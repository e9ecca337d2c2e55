/**
 * The app's own settings ({@code formation.*}) and the one {@link java.time.Clock} every part
 * of the app reads the time from ({@link dev.formation.config.ClockFactory}).
 */
package dev.formation.config;
