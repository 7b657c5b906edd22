class Boxed {
    private Long id;

    boolean cases(Integer a, Integer b, int c, Long other, Object o) {
        // ruleid: java/boxed-reference-equality
        boolean same = a == b;
        // ruleid: java/boxed-reference-equality
        boolean diff = this.id != other;
        // ok: java/boxed-reference-equality -- one side is a primitive, so the other is unboxed
        boolean prim = a == c;
        // ok: java/boxed-reference-equality -- a null check
        boolean unset = a == null;
        // ok: java/boxed-reference-equality -- value comparison
        boolean eq = a.equals(b);
        // ok: java/boxed-reference-equality -- an Object reference comparison is meant as identity
        boolean ident = o == other;
        return same || diff || prim || unset || eq || ident;
    }
}
