package fixtures.statics;

import java.io.IOException;

// Reads the static fields other classes filled.
public class StaticUse {
    void run() throws IOException {
        // ruleid: java/command-injection -- StaticStore assigns request input to StaticHolder.value
        Runtime.getRuntime().exec(StaticHolder.value);
    }

    void copy() throws IOException {
        String cmd = "sh -c " + StaticHolder.value;
        // ruleid: java/command-injection -- through a local copy
        new ProcessBuilder(cmd).start();
    }

    void constant() throws IOException {
        // ok: java/command-injection -- only constants are assigned to this field
        Runtime.getRuntime().exec(StaticHolder.constant);
    }

    void number() throws IOException {
        // ok: java/command-injection -- a formatted integer
        Runtime.getRuntime().exec("kill " + StaticHolder.number);
    }

    void sameFieldNameElsewhere() throws IOException {
        // ok: java/command-injection -- OtherHolder.value is another field
        Runtime.getRuntime().exec(OtherHolder.value);
    }

    void overwritten() throws IOException {
        StaticHolder.value = "ls";
        // ok: java/command-injection -- overwritten with a constant just before
        Runtime.getRuntime().exec(StaticHolder.value);
    }

    void shadowed() throws IOException {
        String value = "ls -l";
        // ok: java/command-injection -- a local of the same name, not the field
        Runtime.getRuntime().exec(value);
    }

    void stage() throws IOException {
        // ruleid: java/command-injection -- a header stored in another class of another file
        Runtime.getRuntime().exec(Pipeline.stage);
    }
}
