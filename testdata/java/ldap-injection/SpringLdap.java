package fixtures.ldap;

import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLdap {
    private DirContext ctx;

    @GetMapping("/people")
    public Object people(@RequestParam String uid, @RequestParam String ou) throws NamingException {
        SearchControls sc = new SearchControls();
        String base = "ou=" + ou + ",dc=example,dc=com";
        // ruleid: java/ldap-injection
        ctx.search(base, "(objectClass=person)", sc);
        // ok: java/ldap-injection -- constant base, filter argument bound separately
        ctx.search("dc=example,dc=com", "(&(uid={0})(objectClass=person))", new Object[] {uid}, sc);
        StringBuilder filter = new StringBuilder("(uid=");
        filter.append(uid).append(")");
        // ruleid: java/ldap-injection
        return ctx.search("dc=example,dc=com", filter.toString(), sc);
    }

    public Object internal(String uid) throws NamingException {
        // ok: java/ldap-injection -- no untrusted caller
        return ctx.search("dc=example,dc=com", "(uid=" + uid + ")", new SearchControls());
    }

    @GetMapping("/lookup")
    public Object lookup(@RequestParam("kind") String kind) throws NamingException {
        String name;
        switch (kind.length()) {
            case 1:
                name = "cn=a";
                break;
            default:
                name = "cn=b";
                break;
        }
        // ok: java/ldap-injection -- only constants are chosen by the switch
        return ctx.lookup(name);
    }
}
