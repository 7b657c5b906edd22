package javax.ws.rs;

public @interface FormParam {
    String value();
}
