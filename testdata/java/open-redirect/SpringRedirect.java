package fixtures.redirect;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringRedirect {
    @GetMapping("/go")
    public void go(@RequestParam("to") String to, HttpServletResponse response) throws IOException {
        // ruleid: java/open-redirect
        response.sendRedirect(to);
        String path = "/dashboard";
        if (to.equals("profile")) {
            path = "/profile";
        }
        // ok: java/open-redirect -- only constant paths
        response.sendRedirect(path);
        // ruleid: java/open-redirect
        response.sendRedirect("/search?q=" + to);
    }

    @GetMapping("/back")
    public void back(@RequestParam("page") int page, HttpServletResponse response) throws IOException {
        // ok: java/open-redirect -- an int page number
        response.sendRedirect("/list?page=" + page);
    }

    @GetMapping("/login-done")
    public String loginDone(@RequestParam("continue") String next) {
        if (next.isEmpty()) {
            // ok: java/open-redirect -- a constant target
            return "redirect:/home";
        }
        // ruleid: java/open-redirect
        return "redirect:" + next;
    }

    @GetMapping("/view")
    public String view(@RequestParam("name") String name) {
        // ok: java/open-redirect -- a view name, not a redirect (XSS/template concerns aside)
        return "views/" + name;
    }

    @GetMapping("/go-checked")
    public String goChecked(@RequestParam("to") String to) {
        String target = "redirect:";
        if (to.equals("/cart")) {
            target = target + to;
        } else {
            target = target + "/";
        }
        // ok: java/open-redirect -- "to" equals "/cart" where it is used
        return target;
    }
}
