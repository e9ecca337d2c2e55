package dev.formation.core;

/** One problem with one field: {@code field} is a path such as {@code name} or {@code contacts[0].mobile}. */
public record FieldError(String field, String message) {
}
