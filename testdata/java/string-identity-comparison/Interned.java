import java.beans.PropertyChangeEvent;

class Interned {
    private String title = "t";

    void propertyChange(PropertyChangeEvent e) {
        String name = e.getPropertyName();
        // ruleid: java/string-identity-comparison
        if (name == "enabled") {
            title = "e";
        }
        // ok: java/string-reference-equality -- the origin of `name` is not visible: the identity rule's case
        // ruleid: java/string-identity-comparison
        if (name == "visible") {
            title = "v";
        }
    }

    boolean changed(String newTitle) {
        // ruleid: java/string-identity-comparison
        return newTitle != title;
    }

    boolean fresh(String s) {
        // ok: java/string-identity-comparison -- reported by java/string-reference-equality instead
        // ruleid: java/string-reference-equality
        return s.trim() == "x";
    }
}
