package fixtures.ldapfilters;

import java.util.Hashtable;
import java.util.Set;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Rdn;
import javax.servlet.http.HttpServletRequest;

class DirContextFilters {
    private static final Set<String> DEPARTMENTS = Set.of("sales", "it", "hr");

    DirContext open() throws NamingException {
        return new InitialDirContext(new Hashtable<String, Object>());
    }

    void concatenated(HttpServletRequest request) throws NamingException {
        String user = request.getParameter("user");
        DirContext ctx = open();
        // ruleid: java/ldap-injection
        ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", new SearchControls());
    }

    void formatted(HttpServletRequest request) throws NamingException {
        String mail = request.getHeader("X-Mail");
        String filter = String.format("(&(objectClass=person)(mail=%s))", mail);
        DirContext ctx = open();
        // ruleid: java/ldap-injection
        NamingEnumeration<SearchResult> r = ctx.search("dc=example,dc=com", filter, new SearchControls());
        r.close();
    }

    void builder(HttpServletRequest request) throws NamingException {
        StringBuilder f = new StringBuilder("(&(objectClass=person)");
        f.append("(cn=").append(request.getParameter("cn")).append("))");
        DirContext ctx = open();
        // ruleid: java/ldap-injection
        ctx.search("dc=example,dc=com", f.toString(), new SearchControls());
    }

    void placeholderArgs(HttpServletRequest request) throws NamingException {
        String user = request.getParameter("user");
        DirContext ctx = open();
        // ok: java/ldap-injection -- {0} is filled from filterArgs, which the provider escapes
        ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {user}, new SearchControls());
    }

    void placeholderArgsArray(HttpServletRequest request) throws NamingException {
        Object[] args = {request.getParameter("user"), request.getParameter("dept")};
        DirContext ctx = open();
        // ok: java/ldap-injection -- both values are filter arguments
        ctx.search("dc=example,dc=com", "(&(uid={0})(ou={1}))", args, new SearchControls());
    }

    void matchingAttributes(HttpServletRequest request) throws NamingException {
        Attributes match = new BasicAttributes("uid", request.getParameter("user"));
        DirContext ctx = open();
        // ok: java/ldap-injection -- matching attributes are values, not filter text
        ctx.search("ou=people,dc=example,dc=com", match);
    }

    void matchingAttributesReturning(HttpServletRequest request) throws NamingException {
        Attributes match = new BasicAttributes("mail", request.getParameter("mail"));
        DirContext ctx = open();
        // ok: java/ldap-injection -- matching attributes with the attributes to return
        ctx.search("dc=example,dc=com", match, new String[] {"cn"});
    }

    void allowListed(HttpServletRequest request) throws NamingException {
        String dept = request.getParameter("dept");
        if (!DEPARTMENTS.contains(dept)) {
            return;
        }
        DirContext ctx = open();
        // ok: java/ldap-injection -- one of three known departments
        ctx.search("dc=example,dc=com", "(ou=" + dept + ")", new SearchControls());
    }

    void switchConstant(HttpServletRequest request) throws NamingException {
        String filter;
        // ruleid: java/null-dereference-of-source -- a missing parameter throws in the switch
        switch (request.getParameter("kind")) {
            case "staff":
                filter = "(employeeType=staff)";
                break;
            default:
                filter = "(employeeType=contractor)";
        }
        DirContext ctx = open();
        // ok: java/ldap-injection -- the filter is one of two constants
        ctx.search("dc=example,dc=com", filter, new SearchControls());
    }

    void numeric(HttpServletRequest request) throws NamingException {
        int id = Integer.parseInt(request.getParameter("id"));
        DirContext ctx = open();
        // ok: java/ldap-injection -- a number cannot change the filter
        ctx.search("dc=example,dc=com", "(employeeNumber=" + id + ")", new SearchControls());
    }

    void escapedRdn(HttpServletRequest request) throws NamingException {
        String cn = Rdn.escapeValue(request.getParameter("cn"));
        DirContext ctx = open();
        // ok: java/ldap-injection -- the name is escaped as a DN value
        ctx.lookup("cn=" + cn + ",ou=people,dc=example,dc=com");
    }

    void overwritten(HttpServletRequest request) throws NamingException {
        String user = request.getParameter("user");
        user = "guest";
        DirContext ctx = open();
        // ok: java/ldap-injection -- the input was replaced by a constant
        ctx.search("dc=example,dc=com", "(uid=" + user + ")", new SearchControls());
    }

    void taintedBase(HttpServletRequest request) throws NamingException {
        String ou = request.getParameter("ou");
        DirContext ctx = open();
        // ruleid: java/ldap-injection -- the search base is a DN built from input
        ctx.search("ou=" + ou + ",dc=example,dc=com", "(objectClass=person)", new SearchControls());
    }
}
