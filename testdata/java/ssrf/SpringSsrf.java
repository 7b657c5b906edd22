package fixtures.ssrf;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class SpringSsrf {
    private final RestTemplate rest = new RestTemplate();

    @GetMapping("/proxy")
    public Object proxy(@RequestParam String url, @RequestParam String region) throws IOException {
        // ruleid: java/ssrf
        rest.getForObject(url, String.class);
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("eu", "https://eu.example.com");
        endpoints.put("us", "https://us.example.com");
        endpoints.put(region, url);
        String eu = "https://eu.example.com";
        // ok: java/ssrf -- constant URL
        rest.getForObject(eu, String.class);
        Map<String, String> fixed = new HashMap<>();
        fixed.put("eu", "https://eu.example.com");
        fixed.put("user", url);
        // ok: java/ssrf -- the "eu" key holds a constant
        new URL(fixed.get("eu")).openConnection();
        // ruleid: java/ssrf
        new URL(fixed.get("user")).openConnection();
        // ruleid: java/ssrf
        return rest.getForObject("https://" + region + ".example.com/data", String.class);
    }
}
