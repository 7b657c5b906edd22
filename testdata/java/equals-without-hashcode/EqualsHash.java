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
        // ruleid: java/equals-without-hashcode
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
}
