class StringEqCases {
    private String mode = "fast";

    boolean cases(String role, String other, Object o, int n) {
        // ruleid: java/string-reference-equality
        if (role == "admin") return true;
        // ruleid: java/string-reference-equality
        if ("guest" != role) return false;
        // ruleid: java/string-reference-equality
        boolean same = role == other;
        // ruleid: java/string-reference-equality
        boolean m = mode == role;
        // ok: java/string-reference-equality -- null check
        if (role == null) return false;
        // ok: java/string-reference-equality -- contents compared
        if ("admin".equals(role)) return true;
        // ok: java/string-reference-equality -- not strings
        if (n == 3) return true;
        Object a = o;
        // ok: java/string-reference-equality -- Object identity on purpose
        return a == o && same && m;
    }
}
