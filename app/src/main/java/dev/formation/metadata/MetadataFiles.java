package dev.formation.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists the YAML files of one layer, whether the layer is a folder on disk or the
 * {@code metadata/} folder packaged inside the application jar.
 */
final class MetadataFiles {

    /** One file of a layer: where it came from (for messages), its folder and its text. */
    record File(String source, String folder, String name, String text) {
    }

    private MetadataFiles() {
    }

    static List<File> inFolder(Path root, String label) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return read(root, label);
    }

    static List<File> onClasspath(String resourceRoot, ClassLoader loader) {
        URL url = loader.getResource(resourceRoot);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return read(fs.getPath(resourceRoot), resourceRoot);
            }
            return read(Path.of(uri), resourceRoot);
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot list packaged metadata at " + url, e));
        }
    }

    private static List<File> read(Path root, String label) {
        List<File> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 2)) {
            for (Path path : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = path.getFileName().toString();
                if (!Files.isRegularFile(path) || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    continue;
                }
                Path relative = root.relativize(path);
                if (relative.getNameCount() != 2) {
                    continue;
                }
                String folder = relative.getName(0).toString();
                String text = Files.readString(path, StandardCharsets.UTF_8);
                files.add(new File(label + "/" + relative.toString().replace('\\', '/'), folder,
                        name.substring(0, name.lastIndexOf('.')), text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metadata under " + root, e);
        }
        return files;
    }
}
