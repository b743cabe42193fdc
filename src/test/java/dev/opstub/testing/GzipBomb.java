package dev.opstub.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** A small gzip body that un-gzips to many bytes: zeros, made in the test, never stored. */
public final class GzipBomb {
  private GzipBomb() {}

  /** {@code size} zero bytes, gzipped (64 MiB of zeros are about 64 KiB). */
  public static byte[] ofZeros(long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
      for (long left = size; left > 0; left -= zeros.length) {
        gzip.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
