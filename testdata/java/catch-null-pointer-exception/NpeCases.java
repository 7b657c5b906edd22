class NpeCases {
    static class User { Profile profile; Profile getProfile() { return profile; } }
    static class Profile { String name; String getName() { return name; } }

    String name(User user) {
        try {
            return user.getProfile().getName();
        // ruleid: java/catch-null-pointer-exception
        } catch (NullPointerException e) {
            return "anonymous";
        }
    }

    String qualified(User user) {
        try {
            return user.getProfile().getName();
        // ruleid: java/catch-null-pointer-exception
        } catch (java.lang.NullPointerException e) {
            return "anonymous";
        }
    }

    String checked(User user) {
        Profile p = user.getProfile();
        try {
            return p != null ? p.getName() : "anonymous";
        // ok: java/catch-null-pointer-exception -- a different exception
        } catch (IllegalStateException e) {
            return "NullPointerException";
        }
    }
}
