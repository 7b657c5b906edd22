package jakarta.servlet.http;

public class Cookie {
    private final String name;
    private String value;

    public Cookie(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public void setSecure(boolean flag) {
    }

    public void setHttpOnly(boolean flag) {
    }

    public void setMaxAge(int expiry) {
    }
}
