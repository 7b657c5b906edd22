class Substrings {
    String cases(String line) {
        // ruleid: java/substring-unchecked-index
        String key = line.substring(0, line.indexOf('='));
        int colon = line.indexOf(':');
        // ruleid: java/substring-unchecked-index
        String host = line.substring(0, colon);
        int dot = line.lastIndexOf('.');
        // ok: java/substring-unchecked-index -- checked for -1
        String ext = dot < 0 ? "" : line.substring(dot + 1);
        int eq = line.indexOf('=');
        if (eq == -1) {
            return line;
        }
        // ok: java/substring-unchecked-index -- the -1 case returned above
        String value = line.substring(eq + 1);
        // ok: java/substring-unchecked-index -- a constant index
        String head = line.substring(0, 2);
        return key + host + ext + value + head;
    }
}

class GuardedSubstrings {
    String guarded(String arg) {
        if (arg.contains(":")) {
            int p = arg.lastIndexOf(':');
            // ok: java/substring-unchecked-index -- the enclosing condition says the separator is there
            return arg.substring(0, p);
        }
        return arg;
    }
}
