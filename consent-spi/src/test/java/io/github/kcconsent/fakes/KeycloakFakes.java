package io.github.kcconsent.fakes;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;

/**
 * The one way unit tests fake Keycloak's model and session interfaces: dynamic proxies answering only the
 * methods a code path is known to call; anything else fails the test loudly, so a test cannot pass by silently
 * taking an unexpected path (a key fallback, an attribute nobody configured).
 */
public final class KeycloakFakes {

    private KeycloakFakes() {
    }

    /**
     * Answers keyed by {@code name/argCount}, or by {@code name} alone for any argument count; default interface
     * methods without an answer run their real body; {@code equals}/{@code hashCode} are identity.
     */
    public static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] a = args == null ? new Object[0] : args;
            Function<Object[], Object> answer = answers.get(method.getName() + "/" + a.length);
            if (answer == null) {
                answer = answers.get(method.getName());
            }
            if (answer != null) {
                return answer.apply(a);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, a);
            }
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, a);
            }
            throw new AssertionError("unexpected call " + type.getSimpleName() + "." + method.getName());
        };
        return type.cast(Proxy.newProxyInstance(KeycloakFakes.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Starts a fake of {@code type} answered method by method. */
    public static <T> Answers<T> of(Class<T> type) {
        return new Answers<>(type);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "fake";
        };
    }

    /** A client scope that knows only its name (and how to print itself). */
    public static ClientScopeModel clientScope(String name) {
        return of(ClientScopeModel.class).returning("getName", name).returning("toString", "scope " + name).build();
    }

    /** A client scope with its name and consent-screen text. */
    public static ClientScopeModel clientScope(String name, String consentScreenText) {
        return of(ClientScopeModel.class).returning("getName", name).returning("getConsentScreenText", consentScreenText)
                .returning("toString", "scope " + name).build();
    }

    /** A realm that answers only its attributes. */
    public static RealmModel realmWithAttributes(Map<String, String> attributes) {
        return of(RealmModel.class).on("getAttribute", 1, a -> attributes.get((String) a[0]))
                .returning("toString", "realm").build();
    }

    /** A realm that answers only its client scopes. */
    public static RealmModel realmWithScopes(ClientScopeModel... scopes) {
        return of(RealmModel.class).on("getClientScopesStream", 0, a -> Arrays.stream(scopes)).build();
    }

    /** The answers of one fake, collected before it is built. */
    public static final class Answers<T> {
        private final Class<T> type;
        private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

        private Answers(Class<T> type) {
            this.type = type;
        }

        /** Answers {@code method} called with {@code argCount} arguments. */
        public Answers<T> on(String method, int argCount, Function<Object[], Object> answer) {
            answers.put(method + "/" + argCount, answer);
            return this;
        }

        /** Answers {@code method} with any number of arguments. */
        public Answers<T> on(String method, Function<Object[], Object> answer) {
            answers.put(method, answer);
            return this;
        }

        /** Answers {@code method} (any arguments) with a fixed value. */
        public Answers<T> returning(String method, Object value) {
            return on(method, a -> value);
        }

        public T build() {
            return fake(type, Map.copyOf(answers));
        }
    }
}
