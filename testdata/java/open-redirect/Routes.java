package fixtures.redirect;

/** Route prefixes shared by the controllers (a constant of another file). */
public final class Routes {
    public static final String REDIRECT = "redirect:";
    public static final String FORWARD_VIEW = "views/";

    private Routes() {
    }
}
