package dev.formation.form.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves names against the scope, checks calls against the function whitelist, infers the
 * static type of every node and collects the form fields an expression reads. One instance
 * checks one expression.
 */
final class TypeChecker implements NodeVisitor<ValueType> {

    private final ExpressionScope scope;
    private final Set<String> references = new LinkedHashSet<>();

    TypeChecker(ExpressionScope scope) {
        this.scope = scope;
    }

    ValueType check(Node tree) {
        return tree.accept(this);
    }

    Set<String> references() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(references));
    }

    @Override
    public ValueType visitLiteral(Node.Literal node) {
        Object value = node.value();
        if (value instanceof BigDecimal) {
            return ValueType.NUMBER;
        }
        if (value instanceof String) {
            return ValueType.STRING;
        }
        return value instanceof Boolean ? ValueType.BOOLEAN : ValueType.ANY;
    }

    @Override
    public ValueType visitList(Node.ListLiteral node) {
        for (Node element : node.elements()) {
            element.accept(this);
        }
        return ValueType.LIST;
    }

    @Override
    public ValueType visitName(Node.Name node) {
        return resolve(List.of(node));
    }

    @Override
    public ValueType visitMember(Node.Member node) {
        List<Node> path = pathOf(node);
        if (path != null) {
            return resolve(path);
        }
        ValueType target = node.target().accept(this);
        return memberType(target, describe(node.target()), node);
    }

    @Override
    public ValueType visitUnary(Node.Unary node) {
        return OperatorTypes.unary(node.operator(), node.operand().accept(this), node.position());
    }

    @Override
    public ValueType visitBinary(Node.Binary node) {
        ValueType left = node.left().accept(this);
        ValueType right = node.right().accept(this);
        return OperatorTypes.binary(node.operator(), left, right, node.position());
    }

    @Override
    public ValueType visitCall(Node.Call node) {
        Builtin function = BuiltinFunctions.find(node.function());
        if (function == null) {
            throw new ExpressionException("unknown function '" + node.function() + "'", node.position());
        }
        List<Node> arguments = node.arguments();
        if (!function.acceptsArity(arguments.size())) {
            throw new ExpressionException("function '" + function.name() + "' takes " + function.describeArity()
                    + " but got " + arguments.size(), node.position());
        }
        List<ValueType> types = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            Node argument = arguments.get(i);
            ValueType type = argument.accept(this);
            if (!function.accepts(i, type)) {
                throw new ExpressionException("function '" + function.name() + "' expects "
                        + function.describeParameter(i) + " as argument " + (i + 1) + ", not " + type,
                        argument.position());
            }
            types.add(type);
        }
        checkLiteral(function, arguments);
        ValueType result = function.resultType(types);
        if (result == null) {
            throw new ExpressionException("function '" + function.name() + "' cannot combine "
                    + types.stream().map(ValueType::name).collect(Collectors.joining(", ")), node.position());
        }
        return result;
    }

    private static void checkLiteral(Builtin function, List<Node> arguments) {
        if (!arguments.isEmpty() && arguments.get(0) instanceof Node.Literal) {
            String problem = function.literalProblem(((Node.Literal) arguments.get(0)).value());
            if (problem != null) {
                throw new ExpressionException(problem, arguments.get(0).position());
            }
        }
    }

    /**
     * Types a dotted path by its longest prefix the scope knows. What follows a known prefix is
     * open when the prefix is an OBJECT, ANY or LIST (a LIST member maps over the elements and
     * stays a LIST), and an error on any other type.
     */
    private ValueType resolve(List<Node> path) {
        Node.Name head = (Node.Name) path.get(0);
        for (int known = path.size(); known >= 1; known--) {
            String prefix = join(path, known);
            Optional<ValueType> type = scope.typeOf(prefix);
            if (type.isPresent()) {
                reference(head.name());
                ValueType result = type.get();
                for (int i = known; i < path.size(); i++) {
                    result = memberType(result, "'" + join(path, i) + "'", (Node.Member) path.get(i));
                }
                return result;
            }
        }
        String kind = head.name().startsWith("$") ? "variable" : "field";
        throw new ExpressionException("unknown " + kind + " '" + head.name() + "'", head.position());
    }

    private static ValueType memberType(ValueType target, String targetText, Node.Member member) {
        switch (target) {
            case LIST:
                return ValueType.LIST;
            case OBJECT:
            case ANY:
                return ValueType.ANY;
            default:
                throw new ExpressionException(targetText + " is a " + target + " and has no field '"
                        + member.name() + "'", member.position());
        }
    }

    private void reference(String name) {
        if (!name.startsWith("$")) {
            references.add(name);
        }
    }

    /** The nodes of {@code a.b.c} from the head name on, or null when the chain has no name at its root. */
    private static List<Node> pathOf(Node.Member member) {
        List<Node> path = new ArrayList<>();
        Node node = member;
        while (node instanceof Node.Member) {
            path.add(node);
            node = ((Node.Member) node).target();
        }
        if (!(node instanceof Node.Name)) {
            return null;
        }
        path.add(node);
        Collections.reverse(path);
        return path;
    }

    private static String join(List<Node> path, int length) {
        StringBuilder text = new StringBuilder(((Node.Name) path.get(0)).name());
        for (int i = 1; i < length; i++) {
            text.append('.').append(((Node.Member) path.get(i)).name());
        }
        return text.toString();
    }

    private static String describe(Node node) {
        if (node instanceof Node.Literal) {
            Object value = ((Node.Literal) node).value();
            return value instanceof String ? "'" + value + "'" : String.valueOf(value);
        }
        return "the value at " + node.position();
    }
}
