import java.io.BufferedReader;
import java.io.IOException;
import java.util.Scanner;

class StringEqCases {
    private String mode = "fast";
    private static final String ADMIN = "admin";
    private static final String PREFIX = "ro" + "le";

    boolean cases(String role, String other, Object o, int n) {
        // ruleid: java/string-identity-comparison
        if (role == "admin") return true;
        // ruleid: java/string-identity-comparison
        if ("guest" != role) return false;
        // ruleid: java/string-identity-comparison
        boolean same = role == other;
        // ruleid: java/string-identity-comparison
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

    boolean fresh(BufferedReader in, Scanner sc, String role, StringBuilder sb) throws IOException {
        // ruleid: java/string-reference-equality
        if (in.readLine() == "quit") return false;
        String answer = sc.nextLine();
        // ruleid: java/string-reference-equality
        if (answer == "yes") return true;
        // ruleid: java/string-reference-equality
        if (role.trim() != ADMIN) return false;
        // ruleid: java/string-reference-equality
        if (role.substring(1) == mode) return true;
        // ruleid: java/string-reference-equality
        if (sb.toString() == "done") return true;
        // ruleid: java/string-reference-equality
        if (new String("x") == "x") return true;
        // ruleid: java/string-reference-equality
        if (("user-" + role) == mode) return true;
        // ruleid: java/string-reference-equality
        if (String.valueOf(role.length()) == "5") return true;
        // ok: java/string-reference-equality -- `""` may be compared on purpose with strings known to be interned: the identity rule's case
        // ruleid: java/string-identity-comparison
        if (role != "") return true;
        // ok: java/string-reference-equality -- a constant concatenation is interned at compile time
        // ruleid: java/string-identity-comparison
        if (PREFIX == "role") return true;
        // ok: java/string-reference-equality -- a null check of a fresh string
        if (role.trim() == null) return false;
        String reused = sc.nextLine();
        reused = ADMIN;
        // ok: java/string-reference-equality -- the local is reassigned a constant (not evidently fresh)
        // ruleid: java/string-identity-comparison
        if (reused == ADMIN) return true;
        // ok: java/string-reference-equality -- `Character.toLowerCase` compares chars, not strings
        if (Character.toLowerCase(role.charAt(0)) == Character.toLowerCase('A')) return true;
        // ok: java/string-reference-equality -- a field compared with "": the identity rule's case
        // ruleid: java/string-identity-comparison
        if (mode == "") return false;
        // ok: java/string-reference-equality -- contents compared
        return role.trim().equals("admin");
    }
}
