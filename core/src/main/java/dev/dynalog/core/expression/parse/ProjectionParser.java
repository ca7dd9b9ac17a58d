package dev.dynalog.core.expression.parse;

import dev.dynalog.core.expression.ast.DocumentPath;
import java.util.ArrayList;
import java.util.List;

/** Parser for projection expressions: {@code path (',' path)*}. */
public final class ProjectionParser {
    private ProjectionParser() {
    }

    public static List<DocumentPath> parse(String text, String parameterName) {
        TokenCursor cursor = TokenCursor.open(text, parameterName);
        OperandParser operands = new OperandParser(cursor);
        List<DocumentPath> paths = new ArrayList<>();
        paths.add(operands.path());
        while (cursor.at(TokenType.COMMA)) {
            cursor.next();
            paths.add(operands.path());
        }
        cursor.finish();
        return List.copyOf(paths);
    }
}
