package javax.ws.rs;

public @interface QueryParam {
    String value();
}
