package fixtures.session;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringSession {
    public void remember(@RequestParam String name, @PathVariable("tab") String tab, HttpSession session) {
        // ruleid: java/trust-boundary-violation
        session.setAttribute("name", name);
        // ruleid: java/trust-boundary-violation
        session.setAttribute(tab, "open");
        List<String> recent = new ArrayList<>();
        recent.add("home");
        recent.add(tab);
        // ok: java/trust-boundary-violation -- element 0 is a constant
        session.setAttribute("first", recent.get(0));
        // ruleid: java/trust-boundary-violation
        session.setAttribute("last", recent.get(1));
        String role = (1 + 1 == 3) ? name : "user";
        // ok: java/trust-boundary-violation -- the tainted side of the condition is dead
        session.setAttribute("role", role);
    }
}
