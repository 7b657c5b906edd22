import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

class Reflect {
    Object call(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (InvocationTargetException e) {
            // ruleid: java/invocation-target-without-cause
            throw new IllegalStateException("call failed: " + e.getMessage());
        }
    }

    Object log(Method m, Object target) throws Exception {
        try {
            return m.invoke(target);
        } catch (java.lang.reflect.InvocationTargetException ite) {
            // ruleid: java/invocation-target-without-cause
            System.err.println(ite.getLocalizedMessage());
            return null;
        }
    }

    Object unwrap(Method m, Object target) throws Throwable {
        try {
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            // ok: java/invocation-target-without-cause -- the cause is what is reported
            System.err.println(e.getMessage() + ": " + e.getCause());
            throw e.getCause();
        }
    }

    Object target(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (InvocationTargetException | IllegalAccessException e) {
            // ok: java/invocation-target-without-cause -- the exception itself is kept as the cause
            throw new IllegalStateException(e);
        }
    }
}
