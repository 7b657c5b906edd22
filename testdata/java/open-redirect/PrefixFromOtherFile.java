package fixtures.redirect;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The view prefix comes from a constant declared in another file: only the project knows it. */
@RestController
public class PrefixFromOtherFile {
    @GetMapping("/after-login")
    public String afterLogin(@RequestParam("next") String next) {
        // ruleid: java/open-redirect
        return Routes.REDIRECT + next;
    }

    @GetMapping("/page")
    public String page(@RequestParam("name") String name) {
        // ok: java/open-redirect -- a view name, not a redirect
        return Routes.FORWARD_VIEW + name;
    }
}
