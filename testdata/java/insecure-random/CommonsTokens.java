package fixtures.random;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.apache.commons.lang3.RandomStringUtils;

public class CommonsTokens {
    void resetToken(HttpServletRequest request) {
        String token = RandomStringUtils.randomAlphanumeric(32);
        HttpSession session = request.getSession();
        // ruleid: java/insecure-random
        session.setAttribute("resetToken", token);
    }

    String fileName() {
        // ok: java/insecure-random -- a temporary file name is no secret
        return "upload-" + RandomStringUtils.randomAlphanumeric(8) + ".tmp";
    }

    void constantAttribute(HttpServletRequest request) {
        String token = RandomStringUtils.randomAlphanumeric(32);
        token = "guest";
        // ok: java/insecure-random -- overwritten with a constant
        request.getSession().setAttribute("role", token);
    }
}
