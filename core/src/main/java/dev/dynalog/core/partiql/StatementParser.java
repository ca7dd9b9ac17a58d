package dev.dynalog.core.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.json.AttributeValueJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses a statement with the generated {@link PartiQLParser} and builds its {@link Statement},
 * with every {@code ?} replaced by its value from the request's Parameters (in the order the
 * marks appear in the text). A statement the grammar does not accept gets DynamoDB's "wasn't
 * well formed" error; a literal DynamoDB cannot store, its error with the literal's position.
 */
public final class StatementParser {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StatementParser() {
    }

    public static Statement parse(String text, List<? extends JsonNode> parameters) {
        PartiQLLexer lexer = new PartiQLLexer(CharStreams.fromString(text));
        PartiQLParser parser = new PartiQLParser(new CommonTokenStream(lexer));
        BaseErrorListener refuse = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                    String msg, RecognitionException e) {
                throw notWellFormed(text);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(refuse);
        parser.removeErrorListeners();
        parser.addErrorListener(refuse);
        PartiQLParser.StatementContext tree = parser.statement();

        Map<Integer, Integer> parameterOrdinals = new HashMap<>();
        for (Token t : ((CommonTokenStream) parser.getTokenStream()).getTokens()) {
            if (t.getType() != Token.EOF && "?".equals(t.getText())) {
                parameterOrdinals.put(t.getTokenIndex(), parameterOrdinals.size());
            }
        }
        int given = parameters == null ? 0 : parameters.size();
        if (given < parameterOrdinals.size()) {
            throw Errors.validation("Number of parameters in request and statement don't match.");
        }
        return new Builder(parameters, parameterOrdinals).statement(tree);
    }

    static RuntimeException notWellFormed(String text) {
        return Errors.validation("Statement wasn't well formed, can't be processed: " + text);
    }

    /** DynamoDB's position suffix of a literal's error: line, column (from 1) and length of its token. */
    static String at(Token token) {
        return " at " + token.getLine() + ":" + (token.getCharPositionInLine() + 1) + ":" + token.getText().length();
    }

    private static final class Builder {
        private final List<? extends JsonNode> parameters;
        private final Map<Integer, Integer> parameterOrdinals;

        Builder(List<? extends JsonNode> parameters, Map<Integer, Integer> parameterOrdinals) {
            this.parameters = parameters;
            this.parameterOrdinals = parameterOrdinals;
        }

        Statement statement(PartiQLParser.StatementContext ctx) {
            if (ctx.select() != null) {
                return select(ctx.select());
            }
            if (ctx.insert() != null) {
                return insert(ctx.insert());
            }
            if (ctx.update() != null) {
                return update(ctx.update());
            }
            if (ctx.delete() != null) {
                return delete(ctx.delete());
            }
            return new Statement.Exists(select(ctx.exists().select()));
        }

        Statement.Select select(PartiQLParser.SelectContext ctx) {
            List<Path> projection = new ArrayList<>();
            ctx.projection().path().forEach(p -> projection.add(path(p)));
            List<PartiQLParser.IdentifierContext> target = ctx.target().identifier();
            Optional<String> index = index(ctx.target());
            Optional<Condition> where = Optional.ofNullable(ctx.condition()).map(this::condition);
            List<Statement.OrderItem> order = new ArrayList<>();
            ctx.orderItem().forEach(o -> order.add(new Statement.OrderItem(path(o.path()), o.DESC() != null)));
            return new Statement.Select(name(target.get(0)), index, projection, where, order);
        }

        Statement.Insert insert(PartiQLParser.InsertContext ctx) {
            if (ctx.target().identifier().size() > 1) {
                throw Errors.validation("FROM clause may only contain a single table name in data manipulation "
                        + "statements");
            }
            if (ctx.returning() != null) {
                throw Errors.validation("RETURNING is not supported in INSERT");
            }
            if (!(ctx.value() instanceof PartiQLParser.StructContext)) {
                throw Errors.validation("Unsupported format in item expression. Please use struct format {...} "
                        + "to express item values for insert statement." + at(ctx.value().getStart()));
            }
            ObjectNode item = (ObjectNode) value(ctx.value()).get("M");
            return new Statement.Insert(name(ctx.target().identifier(0)), item);
        }

        Statement.Update update(PartiQLParser.UpdateContext ctx) {
            List<Statement.SetAction> sets = new ArrayList<>();
            List<Path> removes = new ArrayList<>();
            for (PartiQLParser.UpdateClauseContext clause : ctx.updateClause()) {
                if (clause instanceof PartiQLParser.SetClauseContext set) {
                    set.setAction().forEach(a -> sets.add(new Statement.SetAction(path(a.path()), operand(a.operand()))));
                } else {
                    removes.add(path(((PartiQLParser.RemoveClauseContext) clause).path()));
                }
            }
            return new Statement.Update(name(ctx.target().identifier(0)), index(ctx.target()), sets, removes,
                    Optional.ofNullable(ctx.condition()).map(this::condition),
                    returning(ctx.returning()));
        }

        Statement.Delete delete(PartiQLParser.DeleteContext ctx) {
            Optional<String> returning = returning(ctx.returning());
            if (returning.isPresent() && !returning.get().equals("ALL_OLD")) {
                PartiQLParser.ReturningContext r = ctx.returning();
                throw Errors.validation("Invalid returning clause: RETURNING " + (r.ALL() != null ? "ALL" : "MODIFIED")
                        + " " + (r.OLD() != null ? "OLD" : "NEW") + " *. Only RETURNING ALL OLD * is allowed in DELETE "
                        + "statements.");
            }
            return new Statement.Delete(name(ctx.target().identifier(0)), index(ctx.target()),
                    Optional.ofNullable(ctx.condition()).map(this::condition), returning);
        }

        private static Optional<String> index(PartiQLParser.TargetContext target) {
            List<PartiQLParser.IdentifierContext> names = target.identifier();
            return names.size() > 1 ? Optional.of(name(names.get(1))) : Optional.empty();
        }

        private static Optional<String> returning(PartiQLParser.ReturningContext ctx) {
            if (ctx == null) {
                return Optional.empty();
            }
            return Optional.of((ctx.ALL() != null ? "ALL_" : "UPDATED_") + (ctx.OLD() != null ? "OLD" : "NEW"));
        }

        Condition condition(PartiQLParser.ConditionContext ctx) {
            if (ctx instanceof PartiQLParser.ParenthesizedContext c) {
                return condition(c.condition());
            }
            if (ctx instanceof PartiQLParser.NotContext c) {
                return new Condition.Not(condition(c.condition()));
            }
            if (ctx instanceof PartiQLParser.AndContext c) {
                return new Condition.And(condition(c.condition(0)), condition(c.condition(1)));
            }
            if (ctx instanceof PartiQLParser.OrContext c) {
                return new Condition.Or(condition(c.condition(0)), condition(c.condition(1)));
            }
            if (ctx instanceof PartiQLParser.ComparisonContext c) {
                String op = c.comparator().getText();
                return new Condition.Comparison(op.equals("!=") ? "<>" : op, operand(c.operand(0)), operand(c.operand(1)));
            }
            if (ctx instanceof PartiQLParser.BetweenContext c) {
                return new Condition.Between(operand(c.operand(0)), operand(c.operand(1)), operand(c.operand(2)),
                        c.NOT() != null);
            }
            if (ctx instanceof PartiQLParser.InContext c) {
                if (c.operand().size() < 2) {
                    throw Errors.validation("IN operator must have a left hand argument of type Variable Reference and "
                            + "right hand argument of type Seq with at least one member");
                }
                List<Operand> candidates = new ArrayList<>();
                for (int i = 1; i < c.operand().size(); i++) {
                    candidates.add(operand(c.operand(i)));
                }
                return new Condition.In(operand(c.operand(0)), candidates, c.NOT() != null);
            }
            if (ctx instanceof PartiQLParser.IsContext c) {
                return new Condition.Is(operand(c.operand()), c.MISSING() != null, c.NOT() != null);
            }
            return new Condition.CallCondition(call(((PartiQLParser.CallConditionContext) ctx).call()));
        }

        Operand operand(PartiQLParser.OperandContext ctx) {
            if (ctx instanceof PartiQLParser.ArithmeticContext c) {
                return new Operand.Arithmetic(c.getChild(1).getText(), operand(c.operand(0)), operand(c.operand(1)));
            }
            if (ctx instanceof PartiQLParser.CallOperandContext c) {
                return call(c.call());
            }
            if (ctx instanceof PartiQLParser.PathOperandContext c) {
                return new Operand.PathOperand(path(c.path()));
            }
            return new Operand.Literal(value(((PartiQLParser.ValueOperandContext) ctx).value()));
        }

        Operand.Call call(PartiQLParser.CallContext ctx) {
            List<Operand> args = new ArrayList<>();
            ctx.operand().forEach(o -> args.add(operand(o)));
            return new Operand.Call(ctx.getStart().getText(), args);
        }

        Path path(PartiQLParser.PathContext ctx) {
            List<Path.Step> steps = new ArrayList<>();
            steps.add(new Path.Field(name(ctx.identifier())));
            for (PartiQLParser.StepContext step : ctx.step()) {
                if (step instanceof PartiQLParser.FieldContext f) {
                    steps.add(new Path.Field(name(f.identifier())));
                } else if (step instanceof PartiQLParser.KeyContext k) {
                    steps.add(new Path.Field(unquote(k.STRING().getText())));
                } else {
                    TerminalNode n = ((PartiQLParser.ElementContext) step).NUMBER();
                    try {
                        steps.add(new Path.Element(Integer.parseInt(n.getText())));
                    } catch (NumberFormatException e) {
                        throw notWellFormed(ctx.getStart().getInputStream().toString());
                    }
                }
            }
            return new Path(steps);
        }

        /** A literal as a DynamoDB JSON attribute value. */
        ObjectNode value(PartiQLParser.ValueContext ctx) {
            ObjectNode v = JSON.objectNode();
            if (ctx instanceof PartiQLParser.StringContext c) {
                v.put("S", unquote(c.STRING().getText()));
            } else if (ctx instanceof PartiQLParser.NumberContext c) {
                v.put("N", c.getText());
            } else if (ctx instanceof PartiQLParser.BoolContext c) {
                v.put("BOOL", c.TRUE() != null);
            } else if (ctx instanceof PartiQLParser.NullContext) {
                v.put("NULL", true);
            } else if (ctx instanceof PartiQLParser.MissingContext) {
                throw Errors.validation("MISSING must be compared using IS operator");
            } else if (ctx instanceof PartiQLParser.ParameterContext c) {
                JsonNode p = parameters.get(parameterOrdinals.get(c.getStart().getTokenIndex()));
                // Validated as every attribute value of a request is, with the same errors.
                AttributeValueJson.read(p);
                return (ObjectNode) p;
            } else if (ctx instanceof PartiQLParser.ListContext c) {
                ArrayNode list = v.putArray("L");
                c.value().forEach(e -> list.add(value(e)));
            } else if (ctx instanceof PartiQLParser.StructContext c) {
                ObjectNode map = v.putObject("M");
                List<PartiQLParser.StructKeyContext> keys = c.structKey();
                for (int i = 0; i < keys.size(); i++) {
                    PartiQLParser.StructKeyContext k = keys.get(i);
                    if (k.STRING() == null) {
                        String type = k.identifier() != null ? "VariableReference"
                                : k.getText().matches("\\d+") ? "INT" : "DECIMAL";
                        throw Errors.validation("Tuple keys must be of type String. Actual type: " + type + " under root"
                                + at(k.getStart()));
                    }
                    String key = unquote(k.STRING().getText());
                    if (map.has(key)) {
                        throw Errors.validation("Duplicate keys in tuple. Key: " + key + " under root"
                                + at(k.getStart()));
                    }
                    map.set(key, value(c.value(i)));
                }
            } else {
                PartiQLParser.BagContext c = (PartiQLParser.BagContext) ctx;
                if (c.value().isEmpty()) {
                    throw Errors.validation("Empty bags are not supported" + at(c.getStart()));
                }
                return bag(c);
            }
            return v;
        }

        /** A bag {@code <<...>>} is a set: of strings or of numbers (or binaries, as parameters), never mixed. */
        private ObjectNode bag(PartiQLParser.BagContext c) {
            String type = null;
            ArrayNode members = JSON.arrayNode();
            java.util.Set<JsonNode> seen = new java.util.HashSet<>();
            for (PartiQLParser.ValueContext e : c.value()) {
                ObjectNode member = value(e);
                String memberType = member.fieldNames().next();
                if (!List.of("S", "N", "B").contains(memberType) || type != null && !type.equals(memberType)) {
                    throw Errors.validation("Unsupported data type in Bag. DynamoDB only supports either numbers "
                            + "or strings in bags");
                }
                type = memberType;
                if (!seen.add(member.get(memberType))) {
                    throw Errors.validation("Input collection contains duplicates");
                }
                members.add(member.get(memberType));
            }
            ObjectNode set = JSON.objectNode();
            set.set(type + "S", members);
            return set;
        }

        private static String name(PartiQLParser.IdentifierContext ctx) {
            String text = ctx.getText();
            return ctx.QUOTED_IDENTIFIER() != null ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
        }

        private static String unquote(String quoted) {
            return quoted.substring(1, quoted.length() - 1).replace("''", "'");
        }
    }
}
