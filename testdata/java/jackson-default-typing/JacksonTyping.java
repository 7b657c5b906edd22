package fixtures.jackson;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

public class JacksonTyping {

    ObjectMapper legacy() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: java/jackson-default-typing
        mapper.enableDefaultTyping();
        return mapper;
    }

    ObjectMapper legacyEverything() {
        // ruleid: java/jackson-default-typing
        return new ObjectMapper().enableDefaultTyping(ObjectMapper.DefaultTyping.NON_FINAL);
    }

    ObjectMapper allowEverySubtype() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: java/jackson-default-typing
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        return mapper;
    }

    ObjectMapper allowList() {
        PolymorphicTypeValidator ptv = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("com.acme.dto.")
                .build();
        ObjectMapper mapper = new ObjectMapper();
        // ok: java/jackson-default-typing -- an allow-list validator restricts the classes
        mapper.activateDefaultTyping(ptv, ObjectMapper.DefaultTyping.NON_FINAL);
        return mapper;
    }

    ObjectMapper plain() {
        // ok: java/jackson-default-typing -- no polymorphic typing at all
        return new ObjectMapper();
    }

    String describe() {
        // ok: java/jackson-default-typing -- a string that merely names the method
        return "call enableDefaultTyping() only for trusted input";
    }

    // ruleid: java/jackson-default-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    static class Payload {
    }

    // ruleid: java/jackson-default-typing
    @JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS, property = "@c")
    static class Compact {
    }

    // ok: java/jackson-default-typing -- logical type names map only to registered subtypes
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    static class Named {
    }
}
