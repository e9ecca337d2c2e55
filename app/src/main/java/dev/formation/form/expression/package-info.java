/**
 * The sandboxed expression language metadata authors use for conditions
 * ({@code visibleWhen}, {@code requiredWhen}, {@code readOnlyWhen}), computed fields and flow
 * branches.
 *
 * <p>The package owns the whole language: a hand-written lexer ({@code Lexer}), a Pratt parser
 * ({@code Parser}) producing an immutable syntax tree ({@code Node}), a compile-time checker
 * that resolves names against an {@link dev.formation.form.expression.ExpressionScope} and
 * infers types ({@code TypeChecker}), and a tree-walking evaluator ({@code Evaluator}) with a
 * fixed whitelist of functions ({@code BuiltinFunctions}).
 *
 * <p>It is deliberately closed: there is no reflection, no scripting engine and no way to name
 * a Java class or call a method, so metadata can only read the variables it is given and call
 * the built-in functions. Source length and nesting depth are bounded so hostile metadata
 * cannot exhaust the stack. Evaluation never throws for null, missing or mistyped values; it
 * yields null instead, so a half-filled form can always be evaluated.
 *
 * <p>Expressions are compiled once when metadata loads ({@link
 * dev.formation.form.expression.Expressions#compile}) and the resulting {@link
 * dev.formation.form.expression.CompiledExpression} is immutable and safe to share between
 * threads.
 */
package dev.formation.form.expression;
