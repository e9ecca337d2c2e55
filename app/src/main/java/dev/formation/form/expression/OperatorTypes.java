package dev.formation.form.expression;

import static dev.formation.form.expression.ValueType.ANY;
import static dev.formation.form.expression.ValueType.BOOLEAN;
import static dev.formation.form.expression.ValueType.LIST;
import static dev.formation.form.expression.ValueType.NUMBER;
import static dev.formation.form.expression.ValueType.STRING;

/**
 * Static typing of operators. A combination is refused only when both sides are known and can
 * never work; with an ANY side the check is left to run time, which yields null on a clash.
 */
final class OperatorTypes {

    private OperatorTypes() {
    }

    static ValueType unary(UnaryOperator operator, ValueType operand, int position) {
        if (operator == UnaryOperator.NOT) {
            return BOOLEAN;
        }
        if (operand.isKnown() && operand != NUMBER) {
            throw new ExpressionException("operator '-' cannot be applied to " + operand, position);
        }
        return NUMBER;
    }

    static ValueType binary(BinaryOperator operator, ValueType left, ValueType right, int position) {
        switch (operator) {
            case OR:
            case AND:
                return BOOLEAN;
            case EQ:
            case NE:
                if (left.isKnown() && right.isKnown() && left != right) {
                    throw clash(operator, left, right, position);
                }
                return BOOLEAN;
            case LT:
            case LE:
            case GT:
            case GE:
                return ordering(operator, left, right, position);
            case IN:
            case NOT_IN:
                if (right.isKnown() && right != LIST) {
                    throw new ExpressionException(
                            "operator '" + operator.symbol() + "' needs a LIST on the right, not " + right, position);
                }
                return BOOLEAN;
            case ADD:
                return addition(left, right, position);
            default:
                if ((left.isKnown() && left != NUMBER) || (right.isKnown() && right != NUMBER)) {
                    throw clash(operator, left, right, position);
                }
                return NUMBER;
        }
    }

    private static ValueType ordering(BinaryOperator operator, ValueType left, ValueType right, int position) {
        boolean leftFits = !left.isKnown() || left.isOrdered();
        boolean rightFits = !right.isKnown() || right.isOrdered();
        boolean sameKind = !left.isKnown() || !right.isKnown() || left == right;
        if (!leftFits || !rightFits || !sameKind) {
            throw clash(operator, left, right, position);
        }
        return BOOLEAN;
    }

    private static ValueType addition(ValueType left, ValueType right, int position) {
        if (left == STRING || right == STRING) {
            ValueType other = left == STRING ? right : left;
            if (other.isKnown() && !other.isScalar()) {
                throw clash(BinaryOperator.ADD, left, right, position);
            }
            return STRING;
        }
        if (!left.isKnown() || !right.isKnown()) {
            // the unknown side may turn out to be a string, making this a concatenation
            boolean known = left.isKnown() || right.isKnown();
            ValueType knownType = left.isKnown() ? left : right;
            if (known && !knownType.isScalar()) {
                throw clash(BinaryOperator.ADD, left, right, position);
            }
            return ANY;
        }
        if (left == NUMBER && right == NUMBER) {
            return NUMBER;
        }
        throw clash(BinaryOperator.ADD, left, right, position);
    }

    private static ExpressionException clash(BinaryOperator operator, ValueType left, ValueType right, int position) {
        return new ExpressionException(
                "operator '" + operator.symbol() + "' cannot be applied to " + left + " and " + right, position);
    }
}
