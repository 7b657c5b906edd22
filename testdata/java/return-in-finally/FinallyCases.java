import java.util.function.Supplier;

class FinallyCases {
    int discards() {
        try {
            return compute();
        } finally {
            // ruleid: java/return-in-finally
            return -1;
        }
    }

    int nested(boolean flag) {
        try {
            return compute();
        } finally {
            if (flag) {
                // ruleid: java/return-in-finally
                return 0;
            }
        }
    }

    int fine() {
        try {
            return compute();
        } finally {
            cleanup();
        }
    }

    Supplier<Integer> lambdaInFinally() {
        Supplier<Integer> s = null;
        try {
            compute();
        } finally {
            // ok: java/return-in-finally -- returns from the lambda only
            s = () -> { return 1; };
        }
        // ok: java/return-in-finally -- after the try statement
        return s;
    }

    int compute() { return 42; }
    void cleanup() { }
}
