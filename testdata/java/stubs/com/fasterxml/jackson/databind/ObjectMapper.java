package com.fasterxml.jackson.databind;

import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/** Stub of Jackson's ObjectMapper: only what the fixtures call. */
public class ObjectMapper {
    public enum DefaultTyping { JAVA_LANG_OBJECT, OBJECT_AND_NON_CONCRETE, NON_CONCRETE_AND_ARRAYS, NON_FINAL, EVERYTHING }

    public ObjectMapper enableDefaultTyping() { return this; }
    public ObjectMapper enableDefaultTyping(DefaultTyping t) { return this; }
    public ObjectMapper activateDefaultTyping(PolymorphicTypeValidator ptv) { return this; }
    public ObjectMapper activateDefaultTyping(PolymorphicTypeValidator ptv, DefaultTyping t) { return this; }
    public <T> T readValue(String content, Class<T> type) { return null; }
}
