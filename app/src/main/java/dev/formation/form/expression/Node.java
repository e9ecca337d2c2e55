package dev.formation.form.expression;

import java.util.List;

/**
 * The immutable syntax tree. Each node records its source position for error messages and its
 * depth, which the parser bounds so that the recursive checker and evaluator cannot overflow the
 * stack even for long operator chains that the parser itself builds iteratively.
 */
abstract sealed class Node {

    private final int position;
    private final int depth;

    private Node(int position, int depth) {
        this.position = position;
        this.depth = depth;
    }

    int position() {
        return position;
    }

    int depth() {
        return depth;
    }

    abstract <R> R accept(NodeVisitor<R> visitor);

    private static int deepest(List<Node> nodes) {
        int max = 0;
        for (Node node : nodes) {
            max = Math.max(max, node.depth());
        }
        return max;
    }

    /** A number (BigDecimal), string, boolean or null written in the source. */
    static final class Literal extends Node {
        private final Object value;

        Literal(Object value, int position) {
            super(position, 1);
            this.value = value;
        }

        Object value() {
            return value;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitLiteral(this);
        }
    }

    static final class ListLiteral extends Node {
        private final List<Node> elements;

        ListLiteral(List<Node> elements, int position) {
            super(position, 1 + deepest(elements));
            this.elements = List.copyOf(elements);
        }

        List<Node> elements() {
            return elements;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitList(this);
        }
    }

    /** A variable, e.g. {@code amount} or {@code $user}. */
    static final class Name extends Node {
        private final String name;

        Name(String name, int position) {
            super(position, 1);
            this.name = name;
        }

        String name() {
            return name;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitName(this);
        }
    }

    /** {@code target.name}; the position is that of {@code name}. */
    static final class Member extends Node {
        private final Node target;
        private final String name;

        Member(Node target, String name, int position) {
            super(position, 1 + target.depth());
            this.target = target;
            this.name = name;
        }

        Node target() {
            return target;
        }

        String name() {
            return name;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitMember(this);
        }
    }

    static final class Unary extends Node {
        private final UnaryOperator operator;
        private final Node operand;

        Unary(UnaryOperator operator, Node operand, int position) {
            super(position, 1 + operand.depth());
            this.operator = operator;
            this.operand = operand;
        }

        UnaryOperator operator() {
            return operator;
        }

        Node operand() {
            return operand;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitUnary(this);
        }
    }

    /** The position is that of the operator. */
    static final class Binary extends Node {
        private final BinaryOperator operator;
        private final Node left;
        private final Node right;

        Binary(BinaryOperator operator, Node left, Node right, int position) {
            super(position, 1 + Math.max(left.depth(), right.depth()));
            this.operator = operator;
            this.left = left;
            this.right = right;
        }

        BinaryOperator operator() {
            return operator;
        }

        Node left() {
            return left;
        }

        Node right() {
            return right;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitBinary(this);
        }
    }

    /** A call of a built-in function; the position is that of the function name. */
    static final class Call extends Node {
        private final String function;
        private final List<Node> arguments;

        Call(String function, List<Node> arguments, int position) {
            super(position, 1 + deepest(arguments));
            this.function = function;
            this.arguments = List.copyOf(arguments);
        }

        String function() {
            return function;
        }

        List<Node> arguments() {
            return arguments;
        }

        @Override
        <R> R accept(NodeVisitor<R> visitor) {
            return visitor.visitCall(this);
        }
    }
}
