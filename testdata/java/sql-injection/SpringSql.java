package fixtures.sql;

import javax.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringSql {
    private JdbcTemplate jdbc;
    private EntityManager em;

    @GetMapping("/users")
    public Object users(@RequestParam("name") String name, @RequestParam("limit") int limit) {
        // ruleid: java/sql-injection
        jdbc.queryForList("SELECT * FROM users WHERE name = '" + name + "'");
        // ok: java/sql-injection -- a bound argument, the query is constant
        jdbc.queryForList("SELECT * FROM users WHERE name = ?", name);
        // ok: java/sql-injection -- an int parameter cannot carry SQL
        return jdbc.queryForList("SELECT * FROM users LIMIT " + limit);
    }

    @GetMapping("/orders/{id}")
    public Object order(@PathVariable String id) {
        // ruleid: java/sql-injection
        return em.createQuery("FROM Order o WHERE o.id = " + id).getResultList();
    }

    @GetMapping("/safe/{id}")
    public Object safeOrder(@PathVariable String id) {
        // ok: java/sql-injection -- named parameter
        return em.createQuery("FROM Order o WHERE o.id = :id").setParameter("id", id).getResultList();
    }

    public void notAController(String name) {
        // ok: java/sql-injection -- a plain parameter with no caller passing untrusted input
        jdbc.execute("DELETE FROM t WHERE name = '" + name + "'");
    }

    @GetMapping("/delete")
    public void delete(@RequestParam String table) {
        // ruleid: java/sql-injection
        jdbc.update(buildDelete(table));
        // ok: java/sql-injection -- the helper ignores its argument
        jdbc.update(constantQuery(table));
    }

    private String buildDelete(String table) {
        return "DELETE FROM " + table;
    }

    private String constantQuery(String ignored) {
        return "DELETE FROM audit";
    }
}
