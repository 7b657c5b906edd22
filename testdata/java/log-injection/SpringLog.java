package fixtures.log;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.owasp.esapi.ESAPI;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLog {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SpringLog.class);
    private final Logger jul = Logger.getLogger("api");

    @GetMapping("/search")
    public void search(@RequestParam String q, @RequestBody String body) {
        // ruleid: java/log-injection
        LOG.info("search {}", q);
        // ok: java/log-injection -- ESAPI HTML encoding also removes line breaks
        LOG.info("search " + ESAPI.encoder().encodeForHTML(q));
        // ruleid: java/log-injection
        jul.log(Level.INFO, body);
        String summary = "body of " + body.length() + " chars";
        // ok: java/log-injection -- only the length is logged
        LOG.debug(summary);
        String first = body;
        first = "redacted";
        // ok: java/log-injection -- overwritten before logging
        LOG.error(first);
    }
}
