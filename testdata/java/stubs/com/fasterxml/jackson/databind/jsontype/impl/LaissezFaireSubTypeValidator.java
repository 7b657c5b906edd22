package com.fasterxml.jackson.databind.jsontype.impl;

import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/** Stub of Jackson's validator that allows every subtype. */
public class LaissezFaireSubTypeValidator extends PolymorphicTypeValidator {
    public static final LaissezFaireSubTypeValidator instance = new LaissezFaireSubTypeValidator();
}
