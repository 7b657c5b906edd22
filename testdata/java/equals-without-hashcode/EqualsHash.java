import java.util.Objects;

class EqualsHash {
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }

        @Override
        // ruleid: java/equals-without-hashcode
        public boolean equals(Object o) {
            return o instanceof Point && ((Point) o).x == x && ((Point) o).y == y;
        }
    }

    static final class Key {
        final String id;

        Key(String id) {
            this.id = id;
        }

        @Override
        // ok: java/equals-without-hashcode -- hashCode alone keeps the contract: objects equal by identity share one hash
        public int hashCode() {
            return id.hashCode();
        }
    }

    static final class Both {
        final String id;

        Both(String id) {
            this.id = id;
        }

        @Override
        // ok: java/equals-without-hashcode -- both are overridden
        public boolean equals(Object o) {
            return o instanceof Both && ((Both) o).id.equals(id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id);
        }
    }

    static final class Overload {
        // ok: java/equals-without-hashcode -- an overload, not the Object.equals override
        public boolean equals(Overload other) {
            return other != null;
        }
    }

    interface Shape {
        // ok: java/equals-without-hashcode -- an abstract re-declaration in an interface
        boolean equals(Object o);
    }

    abstract static class Named {
        final String name = "n";

        @Override
        // ok: java/equals-without-hashcode -- `hashCode` is declared abstract: every subclass must define it
        public boolean equals(Object o) {
            return o instanceof Named && ((Named) o).name.equals(name);
        }

        @Override
        public abstract int hashCode();
    }

    static final class CachedKeySet extends java.util.AbstractSet<String> {
        private final java.util.Set<String> keys = new java.util.HashSet<>();

        @Override
        public java.util.Iterator<String> iterator() {
            return keys.iterator();
        }

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        // ok: java/equals-without-hashcode -- AbstractSet's inherited hashCode (sum of the elements') is consistent with any set equality
        public boolean equals(Object o) {
            return o instanceof java.util.Set && keys.equals(o);
        }
    }

    static final class PlainObject extends Object {
        final int id = 1;

        @Override
        // ruleid: java/equals-without-hashcode
        public boolean equals(Object o) {
            return o instanceof PlainObject && ((PlainObject) o).id == id;
        }
    }
}
