package com.acme;

/** A project class that happens to share the JDK's name. */
public class MessageDigest {
    public static MessageDigest getInstance(String name) { return new MessageDigest(); }
}
