package dev.formation.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The one clock every part of the app reads the time from. Records, flows, time limits, named
 * report periods, demo data, tokens and lockouts all ask it, so a test (or an operator
 * reproducing a month-end problem) can start the whole app at a chosen moment with
 * {@code formation.clock-start}; the clock then runs on from there in real time, because
 * timeouts, throttles and leases need time to pass.
 */
@Factory
public class ClockFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ClockFactory.class);

    @Singleton
    Clock clock(FormationSettings settings) {
        ZoneId zone = settings.getTimeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(settings.getTimeZone());
        Clock system = Clock.system(zone);
        String start = settings.getClockStart();
        if (start == null || start.isBlank()) {
            return system;
        }
        LocalDateTime startAt = parse(start.trim());
        Duration offset = Duration.between(LocalDateTime.now(system), startAt);
        LOG.warn("The clock starts at {} ({}), not at the real time: formation.clock-start is set", startAt, zone);
        return Clock.offset(system, offset);
    }

    /** {@code 2026-12-01} (nine in the morning of that day) or {@code 2026-12-01T17:30[:00]}. */
    static LocalDateTime parse(String start) {
        try {
            return start.contains("T") ? LocalDateTime.parse(start) : LocalDate.parse(start).atTime(9, 0);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("formation.clock-start must be a date (2026-12-01) or a date-time "
                    + "(2026-12-01T09:00), not '" + start + "'", e);
        }
    }
}
