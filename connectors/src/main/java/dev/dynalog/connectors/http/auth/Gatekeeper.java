package dev.dynalog.connectors.http.auth;

import dev.dynalog.connectors.http.Access;
import dev.dynalog.core.error.Errors;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who may call the endpoint: with {@code --auth none} anyone (signatures are not looked at, as
 * DynamoDB Local does); with {@code --auth sigv4} only requests signed with a known access key,
 * and, given a policy, only for what it allows that key's principal.
 */
public final class Gatekeeper {
    private static final Gatekeeper OPEN = new Gatekeeper(null, null);

    private final SigV4Verifier verifier;
    private final Supplier<AccessPolicy> policy;

    private Gatekeeper(SigV4Verifier verifier, Supplier<AccessPolicy> policy) {
        this.verifier = verifier;
        this.policy = policy;
    }

    /** {@code --auth none}. */
    public static Gatekeeper open() {
        return OPEN;
    }

    /** {@code --auth sigv4}; {@code policy} null lets every known key do everything. */
    public static Gatekeeper sigV4(SigV4Verifier verifier, Supplier<AccessPolicy> policy) {
        return new Gatekeeper(verifier, policy);
    }

    /** The key that signed the request, null when signatures are not checked; throws DynamoDB's error. */
    public AccessKey authenticate(FullHttpRequest request) {
        return verifier == null ? null : verifier.verify(request);
    }

    /** Throws AccessDeniedException for the first access the policy does not allow {@code who}. */
    public void authorize(AccessKey who, List<Access> accesses) {
        if (who == null || policy == null) {
            return;
        }
        AccessPolicy current = policy.get();
        for (Access access : accesses) {
            switch (current.decide(who, access.action(), access.resource())) {
                case ALLOWED -> {
                }
                case EXPLICITLY_DENIED -> throw Errors.accessDenied(denied(who, access)
                        + " with an explicit deny in a resource-based policy");
                case NOT_ALLOWED -> throw Errors.accessDenied(denied(who, access)
                        + " because no resource-based policy allows the " + access.action() + " action");
            }
        }
    }

    private static String denied(AccessKey who, Access access) {
        return "User: " + who.principalArn() + " is not authorized to perform: " + access.action() + " on resource: "
                + access.resource();
    }
}
