package dev.opstub.internal.wiremock;

/** A stub mapping the pack cannot serve: a bad timeline, a missing template, a wrong parameter. */
class MappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MappingException(String message) {
    super(message);
  }
}
