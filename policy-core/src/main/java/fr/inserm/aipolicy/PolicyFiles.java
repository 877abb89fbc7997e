package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.nio.ByteBuffer;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The text files of one policy version: the DRL rules, the clause catalogue, the messages and the
 * version file, read from the class path, a folder or a jar.
 *
 * @param origin where the files were read, for messages
 * @param files file name to UTF-8 text, sorted by name
 * @param fromClassPath whether they were read from the class path (where a build-time model may be)
 */
record PolicyFiles(String origin, SortedMap<String, String> files, boolean fromClassPath) {

    /** Where the policy lives inside a jar or on the class path. */
    static final String FOLDER = "fr/inserm/aipolicy/rules/";
    static final String VERSION_FILE = "policy.properties";
    static final String CATALOGUE_FILE = "catalogue.json";
    static final String MESSAGES_FILE = "messages.properties";

    static PolicyFiles fromClassPath(ClassLoader loader) {
        URL marker = loader.getResource(FOLDER + VERSION_FILE);
        if (marker == null) {
            throw new PolicyBuildException("no policy on the class path: " + FOLDER + VERSION_FILE
                    + " not found (add the policy-rules artifact, or use PolicyEngine.builder().rulesFrom(path))");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                PolicyFiles listed = readJarEntries(marker);
                if (listed != null) {
                    return listed;
                }
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/" + FOLDER), marker.toString(), true);
                } catch (FileSystemAlreadyExistsException e) {
                    // another caller has this jar open: read through its file system, and leave it open
                    return read(FileSystems.getFileSystem(uri).getPath("/" + FOLDER), marker.toString(), true);
                }
            }
            return read(Path.of(uri).getParent(), marker.toString(), true);
        } catch (URISyntaxException | IOException | UncheckedIOException e) {
            throw new PolicyBuildException("cannot read the policy at " + marker + ": " + e.getMessage(), e);
        }
    }

    static PolicyFiles fromPath(Path folderOrJar) {
        try {
            if (Files.isRegularFile(folderOrJar)) {
                try (FileSystem jar = FileSystems.newFileSystem(folderOrJar, (ClassLoader) null)) {
                    return read(locate(jar.getPath("/")), folderOrJar.toString(), false);
                } catch (java.nio.file.ProviderNotFoundException | java.util.zip.ZipException e) {
                    // a single .drl (or any file that is not a jar): a policy is its whole folder
                    throw new PolicyBuildException("no policy at " + folderOrJar + ": expected a folder holding "
                            + VERSION_FILE + " (the rule files, catalogue and messages beside it), or a jar of one; "
                            + "a single file is not a policy", e);
                }
            }
            if (!Files.isDirectory(folderOrJar)) {
                throw new PolicyBuildException("no policy at " + folderOrJar + ": not a folder or a jar");
            }
            return read(locate(folderOrJar), folderOrJar.toString(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new PolicyBuildException("cannot read the policy at " + folderOrJar + ": " + e.getMessage(), e);
        }
    }

    /**
     * The policy folder of a jar on the class path, read with the JDK's own jar reader: what a zip file
     * system would read (the folder's files, none of its sub-folders), without loading one (about a
     * hundred milliseconds of an engine's build). Null when the jar is not a plain file (a jar inside
     * a jar): the file system reads it then.
     */
    private static PolicyFiles readJarEntries(URL marker) throws IOException {
        URL jarFileUrl = ((JarURLConnection) marker.openConnection()).getJarFileURL();
        if (!"file".equals(jarFileUrl.getProtocol())) {
            return null;
        }
        Path jarPath;
        try {
            jarPath = Path.of(jarFileUrl.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(FOLDER) || name.indexOf('/', FOLDER.length()) >= 0) {
                    continue;
                }
                String file = name.substring(FOLDER.length());
                if (file.endsWith(".drl") || file.endsWith(".properties") || file.endsWith(".json")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        // as strict as Files.readString: a file that is not UTF-8 is refused, not repaired
                        files.put(file, StandardCharsets.UTF_8.newDecoder()
                                .decode(ByteBuffer.wrap(in.readAllBytes())).toString());
                    }
                }
            }
        }
        return new PolicyFiles(marker.toString(), files, true);
    }

    /** The folder itself when it holds policy.properties, else its fr/inserm/aipolicy/rules/ folder. */
    private static Path locate(Path root) {
        if (Files.isRegularFile(root.resolve(VERSION_FILE))) {
            return root;
        }
        Path nested = root.resolve(FOLDER);
        if (Files.isRegularFile(nested.resolve(VERSION_FILE))) {
            return nested;
        }
        throw new PolicyBuildException("no policy in " + root + ": neither " + VERSION_FILE + " nor "
                + FOLDER + VERSION_FILE + " is there");
    }

    private static PolicyFiles read(Path folder, String origin, boolean fromClassPath) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString().replace("/", "");
                if (Files.isRegularFile(entry) && (name.endsWith(".drl") || name.endsWith(".properties")
                        || name.endsWith(".json"))) {
                    files.put(name, Files.readString(entry, StandardCharsets.UTF_8));
                }
            }
        }
        return new PolicyFiles(origin, files, fromClassPath);
    }

    /**
     * The text of a required file.
     *
     * @throws PolicyBuildException when the file is missing
     */
    String require(String name) {
        String text = files.get(name);
        if (text == null) {
            throw new PolicyBuildException("the policy at " + origin + " has no " + name);
        }
        return text;
    }

    /** The DRL files, by name. */
    SortedMap<String, String> rules() {
        SortedMap<String, String> drl = new TreeMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(".drl")) {
                drl.put(name, text);
            }
        });
        return drl;
    }

    /**
     * SHA-256 over every file's name and text, in name order, but the record of the approved version
     * ({@link PolicyRecord#FILE}), which holds this digest.
     */
    String digest() {
        if (!files.containsKey(PolicyRecord.FILE)) {
            return digest(files);
        }
        SortedMap<String, String> content = new TreeMap<>(files);
        content.remove(PolicyRecord.FILE);
        return digest(content);
    }

    /** SHA-256 over the DRL files alone: what a build-time model must have been compiled from. */
    String rulesDigest() {
        return digest(rules());
    }

    static String digest(SortedMap<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
