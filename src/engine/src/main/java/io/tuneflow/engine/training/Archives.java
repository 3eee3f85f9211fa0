package io.tuneflow.engine.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** The {@code .tar.gz} files of the training contract: {@code sourcedir.tar.gz} in, {@code model.tar.gz} out. */
public final class Archives {

    private Archives() {
    }

    /** Packs the contents of {@code directory} (paths relative to it, as SageMaker packs {@code /opt/ml/model}). */
    public static void packTarGz(Path directory, Path archive) throws IOException {
        Files.createDirectories(archive.getParent());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> !p.equals(directory)).sorted().toList();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive));
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), Files.isDirectory(file) ? name + "/" : name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(file)) {
                    Files.copy(file, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    /** Unpacks {@code archive} into {@code directory}, refusing entries that would land outside it. */
    public static void unpackTarGz(Path archive, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(in);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("Refusing " + entry.getName() + " in " + archive + ": it points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }
}
