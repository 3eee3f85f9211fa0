package io.tuneflow.engine.training;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Source code from this machine: a {@code file:} URI or a path, to a {@code .tar.gz} or a directory. */
public final class LocalSourceFetcher implements SourceFetcher {

    @Override
    public void fetchInto(String location, Path codeDirectory) throws IOException {
        Path source = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (!Files.exists(source)) {
            throw new IOException("sagemaker_submit_directory " + location + " does not exist");
        }
        if (Files.isDirectory(source)) {
            copyTree(source, codeDirectory);
        } else if (source.toString().endsWith(".tar.gz") || source.toString().endsWith(".tgz")) {
            Archives.unpackTarGz(source, codeDirectory);
        } else {
            throw new IOException("sagemaker_submit_directory " + location + " is neither a directory nor a .tar.gz");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
