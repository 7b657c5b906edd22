package com.fasterxml.jackson.databind.jsontype;

/** Stub of Jackson's PolymorphicTypeValidator. */
public abstract class PolymorphicTypeValidator {
}
