package dev.dynalog.core.expression;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Operand;
import java.util.ArrayList;
import java.util.List;

/** The document paths a condition reads, in the order written. */
public final class ConditionPaths {
    private ConditionPaths() {
    }

    public static List<DocumentPath> of(Condition condition) {
        List<DocumentPath> paths = new ArrayList<>();
        collect(condition, paths);
        return paths;
    }

    private static void collect(Condition c, List<DocumentPath> paths) {
        if (c instanceof Condition.Comparison cmp) {
            collect(cmp.left(), paths);
            collect(cmp.right(), paths);
        } else if (c instanceof Condition.Between b) {
            collect(b.subject(), paths);
            collect(b.lower(), paths);
            collect(b.upper(), paths);
        } else if (c instanceof Condition.In in) {
            collect(in.subject(), paths);
            in.candidates().forEach(o -> collect(o, paths));
        } else if (c instanceof Condition.And and) {
            collect(and.left(), paths);
            collect(and.right(), paths);
        } else if (c instanceof Condition.Or or) {
            collect(or.left(), paths);
            collect(or.right(), paths);
        } else if (c instanceof Condition.Not not) {
            collect(not.condition(), paths);
        } else if (c instanceof Condition.FunctionCondition f) {
            collect(f.call(), paths);
        }
    }

    private static void collect(Operand o, List<DocumentPath> paths) {
        if (o instanceof DocumentPath p) {
            paths.add(p);
        } else if (o instanceof Operand.FunctionCall call) {
            call.arguments().forEach(a -> collect(a, paths));
        } else if (o instanceof Operand.Arithmetic a) {
            collect(a.left(), paths);
            collect(a.right(), paths);
        }
    }
}
