package dev.formation.form.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Run-time meaning of the operators other than {@code &&} and {@code ||}, which the evaluator
 * short-circuits. Every operation is total: null operands and mismatched types give null (or
 * false for ordering comparisons with null) instead of an exception.
 */
final class Operations {

    static final int DIVISION_SCALE = 10;

    private Operations() {
    }

    static Object unary(UnaryOperator operator, Object operand) {
        if (operator == UnaryOperator.NOT) {
            return !Values.truthy(operand);
        }
        Object v = Values.normalize(operand);
        return v instanceof BigDecimal ? ((BigDecimal) v).negate() : null;
    }

    static Object binary(BinaryOperator operator, Object left, Object right) {
        switch (operator) {
            case EQ: return Values.equal(left, right);
            case NE: return !Values.equal(left, right);
            case LT:
            case LE:
            case GT:
            case GE:
                return order(operator, left, right);
            case IN: return membership(left, right);
            case NOT_IN:
                Object in = membership(left, right);
                return in == null ? null : !(Boolean) in;
            case ADD: return add(left, right);
            default: return arithmetic(operator, left, right);
        }
    }

    private static Object order(BinaryOperator operator, Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        Integer order = Values.compare(left, right);
        if (order == null) {
            return null;
        }
        switch (operator) {
            case LT: return order < 0;
            case LE: return order <= 0;
            case GT: return order > 0;
            default: return order >= 0;
        }
    }

    private static Object membership(Object value, Object list) {
        if (list == null) {
            return false;
        }
        return list instanceof List ? Values.containsElement((List<?>) list, value) : null;
    }

    /** {@code +} joins text when either side is a string (null joining as nothing), else adds. */
    private static Object add(Object left, Object right) {
        Object a = Values.normalize(left);
        Object b = Values.normalize(right);
        if (a instanceof String || b instanceof String) {
            return Values.isScalar(a) && Values.isScalar(b) ? Values.text(a) + Values.text(b) : null;
        }
        return a instanceof BigDecimal && b instanceof BigDecimal ? ((BigDecimal) a).add((BigDecimal) b) : null;
    }

    private static Object arithmetic(BinaryOperator operator, Object left, Object right) {
        Object a = Values.normalize(left);
        Object b = Values.normalize(right);
        if (!(a instanceof BigDecimal) || !(b instanceof BigDecimal)) {
            return null;
        }
        BigDecimal x = (BigDecimal) a;
        BigDecimal y = (BigDecimal) b;
        switch (operator) {
            case SUBTRACT: return x.subtract(y);
            case MULTIPLY: return x.multiply(y);
            case DIVIDE: return y.signum() == 0 ? null : x.divide(y, DIVISION_SCALE, RoundingMode.HALF_UP);
            case REMAINDER: return y.signum() == 0 ? null : x.remainder(y);
            default: throw new IllegalStateException("not an arithmetic operator: " + operator);
        }
    }
}
