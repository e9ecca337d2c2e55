package dev.formation.form.expression;

/** One operation over the syntax tree; the checker and the evaluator are the two. */
interface NodeVisitor<R> {

    R visitLiteral(Node.Literal node);

    R visitList(Node.ListLiteral node);

    R visitName(Node.Name node);

    R visitMember(Node.Member node);

    R visitUnary(Node.Unary node);

    R visitBinary(Node.Binary node);

    R visitCall(Node.Call node);
}
