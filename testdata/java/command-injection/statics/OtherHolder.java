package fixtures.statics;

// A different class with a field of the same name: never assigned untrusted input.
public class OtherHolder {
    public static String value = "uptime";
}
