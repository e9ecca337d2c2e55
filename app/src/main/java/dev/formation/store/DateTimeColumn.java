package dev.formation.store;

import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code DATETIME} column or parameter bound as the {@code LocalDateTime} it is, as the
 * hand-written SQL binds it. Left to itself, Micronaut Data turns a {@code LocalDateTime} into an
 * instant in the JVM's zone and the MySQL driver moves that instant into the connection's zone
 * ({@code serverTimezone}), so the same time would be stored hours apart by a repository and by
 * the record store whenever the two zones differ.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@TypeDef(type = DataType.OBJECT)
public @interface DateTimeColumn {
}
