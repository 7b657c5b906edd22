package fixtures.cmd;

import java.io.File;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringCommand {
    private Runner runner = new EchoRunner();

    @GetMapping("/run")
    public void run(@RequestParam String arg, @RequestParam("n") Integer n) throws IOException {
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(runner.prepare(arg));
        // ok: java/command-injection -- an Integer parameter
        Runtime.getRuntime().exec("sleep " + n);
        String[] env = {"LANG=C", "USER=" + arg};
        // ruleid: java/command-injection
        Runtime.getRuntime().exec(new String[] {"printenv"}, env);
        // ok: java/command-injection -- constant command, environment and directory
        Runtime.getRuntime().exec(new String[] {"ls"}, new String[] {"LANG=C"}, new File("/tmp"));
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java/command-injection
        pb.command("sh", "-c", arg);
        // ok: java/command-injection -- the argument is dropped by the helper in this class
        pb.command(constant(arg));
    }

    private String constant(String ignored) {
        return "true";
    }
}
