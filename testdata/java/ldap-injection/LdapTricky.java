package fixtures.ldap;

import java.io.IOException;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LdapTricky extends HttpServlet {
    private DirContext ctx;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String param = "";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (c.getName().equals("uid")) {
                    param = java.net.URLDecoder.decode(c.getValue(), "UTF-8");
                    break;
                }
            }
        }
        String bar = "safe";
        StringBuilder sb = new StringBuilder(param);
        String unusedSb = sb.append("_x").toString();
        try {
            SearchControls sc = new SearchControls();
            // ok: java/ldap-injection -- bar is a constant, the builder is not used
            ctx.search("ou=users", "(uid=" + bar + ")", sc);
            // ruleid: java/ldap-injection
            ctx.search("ou=users", "(uid=" + unusedSb + ")", sc);
        } catch (NamingException e) {
            response.sendError(500);
        }
    }
}
