package io.github.connectemulator.service;

import io.github.connectemulator.config.ServiceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file named by {@code service.portFile}: the ports the emulator listens on, written once it serves, for a probe
 * that cannot know them otherwise. The port may come from {@code HTTP_PORT}, {@code EMULATOR_HTTP_PORT}, a
 * configuration file, or be 0 (a free one); the file has the one in use. The HTTP port is on the first line, the
 * admin port on a second line when {@code admin.port} gives it one of its own.
 */
public final class PortFile {

  private static final Logger LOG = LoggerFactory.getLogger(PortFile.class);

  private PortFile() {}

  /**
   * Writes the file if {@code service.portFile} names one, and removes it when the process exits. A failure is logged
   * and the emulator goes on serving (a probe reading the file will then report it unhealthy).
   *
   * @param adminPort the admin API's own port, or a negative number when it is on {@code port}
   */
  public static void writeIfConfigured(ServiceSettings service, int port, int adminPort) {
    Path file = service.portFile();
    if (file == null) {
      return;
    }
    try {
      write(file, port, adminPort);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(file), "port-file-removal"));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot write the port file {} (service.portFile): {}", file, e.toString());
    }
  }

  /** Writes the file whole: a temporary file beside it, moved over it, so a reader sees the old content or the new. */
  static void write(Path file, int port, int adminPort) throws IOException {
    String text = port + "\n" + (adminPort > 0 ? adminPort + "\n" : "");
    Path absolute = file.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      try {
        // createTempFile makes it owner-only; a probe may run as another user.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Readable as created.
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The process is exiting; a stale file names a port nothing listens on, which a probe reports as unhealthy.
    }
  }
}
