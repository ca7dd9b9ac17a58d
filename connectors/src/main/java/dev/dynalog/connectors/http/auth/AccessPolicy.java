package dev.dynalog.connectors.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code --policy} file: a policy document in IAM's JSON grammar whose statements name the
 * principals they apply to, as a resource-based policy does ({@code "Principal": {"AWS":
 * ["alice", "arn:aws:iam::000000000000:user/bob"]}} or {@code "*"}; a statement without
 * Principal applies to everyone). Action and NotAction match {@code dynamodb:GetItem} style
 * names without regard to case, Resource and NotResource match ARNs with case; both take
 * {@code *} and {@code ?} wildcards. Evaluation is IAM's: an explicit Deny wins, else an Allow
 * allows, else the request is denied. Conditions are refused when the file is read, because
 * ignoring one would allow what its author meant to restrict.
 */
public final class AccessPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("Sid", "Effect", "Principal", "Action", "NotAction", "Resource",
            "NotResource");

    /** What the policy says about one request. */
    public enum Decision {
        ALLOWED, EXPLICITLY_DENIED, NOT_ALLOWED
    }

    private record Statement(boolean allow, List<String> principals, List<Pattern> actions, boolean notAction,
                             List<Pattern> resources, boolean notResource) {
        boolean appliesTo(AccessKey who, String action, String resource) {
            return (principals == null || principals.contains("*") || principals.contains(who.principal())
                    || principals.contains(who.principalArn()))
                    && matchesAny(actions, action) != notAction
                    && matchesAny(resources, resource) != notResource;
        }
    }

    private final List<Statement> statements;

    private AccessPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Reads a policy file; {@link IllegalArgumentException} says what is wrong with it. */
    public static AccessPolicy read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a policy document. */
    public static AccessPolicy parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a policy is a JSON object with a Statement");
        }
        JsonNode statement = document.get("Statement");
        if (statement == null) {
            throw new IllegalArgumentException("the policy has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
            statements.add(statement(s, statements.size()));
        }
        return new AccessPolicy(statements);
    }

    private static Statement statement(JsonNode s, int index) {
        String where = "Statement " + (index + 1) + ": ";
        if (!s.isObject()) {
            throw new IllegalArgumentException(where + "a statement is a JSON object");
        }
        for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new IllegalArgumentException(where + "'" + name + "' is not supported (supported: " + MEMBERS + ")");
            }
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException(where + "Effect must be Allow or Deny");
        }
        if (s.has("Action") == s.has("NotAction")) {
            throw new IllegalArgumentException(where + "exactly one of Action and NotAction is required");
        }
        if (s.has("Resource") == s.has("NotResource")) {
            throw new IllegalArgumentException(where + "exactly one of Resource and NotResource is required");
        }
        List<String> principals = null;
        JsonNode principal = s.get("Principal");
        if (principal != null) {
            if (principal.isTextual() && principal.asText().equals("*")) {
                principals = List.of("*");
            } else if (principal.isObject() && principal.has("AWS") && principal.size() == 1) {
                principals = strings(principal.get("AWS"), where + "Principal.AWS");
            } else {
                throw new IllegalArgumentException(where + "Principal must be \"*\" or {\"AWS\": names or ARNs}");
            }
        }
        boolean notAction = s.has("NotAction");
        boolean notResource = s.has("NotResource");
        return new Statement(effect.equals("Allow"), principals,
                patterns(strings(s.get(notAction ? "NotAction" : "Action"), where + "Action"), true), notAction,
                patterns(strings(s.get(notResource ? "NotResource" : "Resource"), where + "Resource"), false),
                notResource);
    }

    /** What the policy decides for {@code who} doing {@code action} on {@code resource}. */
    public Decision decide(AccessKey who, String action, String resource) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.appliesTo(who, action, resource)) {
                if (!s.allow()) {
                    return Decision.EXPLICITLY_DENIED;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOWED : Decision.NOT_ALLOWED;
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : node.isArray() ? node : List.of(node)) {
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new IllegalArgumentException(where + " must be a string or a list of strings");
            }
            values.add(v.asText());
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(where + " must not be empty");
        }
        return values;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} any one; everything else literal. */
    private static List<Pattern> patterns(List<String> globs, boolean ignoreCase) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : globs) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : glob.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (!literal.isEmpty()) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
            }
            patterns.add(Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL
                    : Pattern.DOTALL));
        }
        return patterns;
    }

    private static boolean matchesAny(List<Pattern> patterns, String value) {
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return statements.size() + " statements";
    }
}
