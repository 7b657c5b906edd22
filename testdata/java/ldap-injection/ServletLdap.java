package fixtures.ldap;

import java.io.IOException;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.esapi.ESAPI;

public class ServletLdap extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("u");
        try {
            DirContext ctx = new InitialDirContext();
            SearchControls sc = new SearchControls();
            // ruleid: java/ldap-injection
            ctx.search("ou=people", "(uid=" + user + ")", sc);
            // ok: java/ldap-injection -- parameterized filter, the value is escaped by the provider
            ctx.search("ou=people", "(uid={0})", new Object[] {user}, sc);
            // ok: java/ldap-injection -- ESAPI LDAP encoding
            ctx.search("ou=people", "(uid=" + ESAPI.encoder().encodeForLDAP(user) + ")", sc);
            InitialDirContext idc = new InitialDirContext();
            // ruleid: java/ldap-injection
            idc.lookup("cn=" + request.getHeader("X-User") + ",ou=people");
            // ok: java/ldap-injection -- constant name
            idc.lookup("cn=admin,ou=people");
            String filter = "(objectClass=person)";
            if (user.length() > 1000) {
                filter = "(cn=" + user + ")";
            }
            // ruleid: java/ldap-injection
            ctx.search("ou=people", filter, sc);
        } catch (NamingException e) {
            response.sendError(500);
        }
    }
}
