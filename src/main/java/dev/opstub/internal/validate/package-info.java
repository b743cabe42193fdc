/**
 * Checks OpStub mapping sets before a server loads them ({@link dev.opstub.internal.validate.MappingValidator},
 * run as {@code dev.opstub.Validate}), with the per-mapping rules the server-side check shares
 * ({@link dev.opstub.internal.validate.MappingRules}). Plain Java and Jackson: no WireMock type is used.
 */
package dev.opstub.internal.validate;
