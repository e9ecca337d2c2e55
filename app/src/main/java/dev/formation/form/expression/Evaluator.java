package dev.formation.form.expression;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Walks a checked tree over one set of variables. One instance serves one evaluation, so the
 * shared tree is only ever read.
 */
final class Evaluator implements NodeVisitor<Object> {

    private final Map<String, ?> variables;
    private final Clock clock;

    Evaluator(Map<String, ?> variables, Clock clock) {
        this.variables = variables;
        this.clock = clock;
    }

    Object evaluate(Node tree) {
        return tree.accept(this);
    }

    @Override
    public Object visitLiteral(Node.Literal node) {
        return node.value();
    }

    @Override
    public Object visitList(Node.ListLiteral node) {
        List<Object> values = new ArrayList<>(node.elements().size());
        for (Node element : node.elements()) {
            values.add(element.accept(this));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public Object visitName(Node.Name node) {
        return Values.normalize(variables.get(node.name()));
    }

    @Override
    public Object visitMember(Node.Member node) {
        return Values.member(node.target().accept(this), node.name());
    }

    @Override
    public Object visitUnary(Node.Unary node) {
        return Operations.unary(node.operator(), node.operand().accept(this));
    }

    @Override
    public Object visitBinary(Node.Binary node) {
        BinaryOperator operator = node.operator();
        if (operator == BinaryOperator.AND) {
            return Values.truthy(node.left().accept(this)) && Values.truthy(node.right().accept(this));
        }
        if (operator == BinaryOperator.OR) {
            return Values.truthy(node.left().accept(this)) || Values.truthy(node.right().accept(this));
        }
        return Operations.binary(operator, node.left().accept(this), node.right().accept(this));
    }

    @Override
    public Object visitCall(Node.Call node) {
        List<Object> arguments = new ArrayList<>(node.arguments().size());
        for (Node argument : node.arguments()) {
            arguments.add(Values.normalize(argument.accept(this)));
        }
        return BuiltinFunctions.find(node.function()).apply(Collections.unmodifiableList(arguments), clock);
    }
}
