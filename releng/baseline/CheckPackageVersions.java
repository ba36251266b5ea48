import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's check that every exported package has one version: the {@code @Version} of its {@code package-info.java}
 * is the source, and the {@code Export-Package} line of the bundle's {@code META-INF/MANIFEST.MF} must say the same.
 * It also refuses an export without a version, and an API package of the baseline that a bundle no longer exports
 * (bnd's baseline, which runs later, does not see a removed package because the bundle versions are not compared).
 *
 * <p>Run by the parent pom in the {@code validate} phase, once for the whole reactor:
 * {@code java releng/baseline/CheckPackageVersions.java <root> <baseline version>}. Plain JDK, no dependencies, so it
 * runs before anything is resolved. Exit status 1 with one line per problem, each naming bundle, package and versions.
 */
public final class CheckPackageVersions {

    private static final Pattern VERSION_ANNOTATION = Pattern.compile(
            "@(?:org\\.osgi\\.annotation\\.versioning\\.)?Version\\s*\\(\\s*(?:value\\s*=\\s*)?\"([^\"]*)\"\\s*\\)");
    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int packagesChecked;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java CheckPackageVersions.java <project root> [baseline version]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        String baselineVersion = args.length > 1 ? args[1] : null;
        CheckPackageVersions check = new CheckPackageVersions();
        List<Path> bundles;
        try (Stream<Path> dirs = Files.list(root.resolve("bundles"))) {
            bundles = dirs.filter(d -> Files.isRegularFile(d.resolve("META-INF/MANIFEST.MF"))).sorted().toList();
        }
        for (Path bundle : bundles) {
            check.checkBundle(bundle, root, baselineVersion);
        }
        check.warnings.forEach(w -> System.out.println("[WARNING] API versions: " + w));
        if (!check.errors.isEmpty()) {
            check.errors.forEach(e -> System.err.println("[ERROR] API versions: " + e));
            System.err.println("[ERROR] API versions: " + check.errors.size()
                    + " problem(s). The @Version in package-info.java is the source; make the Export-Package line"
                    + " of META-INF/MANIFEST.MF say the same (see docs/ARCHITECTURE.md, API versions and the baseline)");
            System.exit(1);
        }
        System.out.println("[INFO] API versions: " + check.packagesChecked + " exported packages in " + bundles.size()
                + " bundles agree with their package-info.java");
    }

    private void checkBundle(Path bundle, Path root, String baselineVersion) throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String bsn = symbolicName(manifest, bundle);
        Map<String, String> exported = exports(manifest.getMainAttributes().getValue("Export-Package"));
        Map<String, String> declared = packageInfoVersions(bundle);

        for (Map.Entry<String, String> export : exported.entrySet()) {
            String pkg = export.getKey();
            String manifestVersion = export.getValue();
            String sourceVersion = declared.get(pkg);
            packagesChecked++;
            if (manifestVersion == null) {
                errors.add(bsn + ": package " + pkg + " is exported without a version in META-INF/MANIFEST.MF"
                        + (sourceVersion == null ? "" : " (package-info.java says " + sourceVersion + ")"));
            } else if (sourceVersion == null) {
                errors.add(bsn + ": package " + pkg + " is exported as " + manifestVersion
                        + " in META-INF/MANIFEST.MF but has no package-info.java with @Version");
            } else if (!normalize(sourceVersion).equals(normalize(manifestVersion))) {
                errors.add(bsn + ": package " + pkg + " is version " + sourceVersion + " in package-info.java but "
                        + manifestVersion + " in META-INF/MANIFEST.MF (Export-Package)");
            }
        }
        for (String pkg : declared.keySet()) {
            if (!exported.containsKey(pkg)) {
                warnings.add(bsn + ": package " + pkg + " has @Version " + declared.get(pkg)
                        + " in package-info.java but is not exported");
            }
        }
        if (baselineVersion != null && !exported.isEmpty()) {
            checkAgainstBaseline(bsn, exported, root, baselineVersion);
        }
    }

    /** A package the baseline exported must still be exported: removing one is a major change. */
    private void checkAgainstBaseline(String bsn, Map<String, String> exported, Path root, String baselineVersion)
            throws IOException {
        Path jar = root.resolve("releng/baseline/repository/org/steward/baseline").resolve(bsn)
                .resolve(baselineVersion).resolve(bsn + "-" + baselineVersion + ".jar");
        if (!Files.isRegularFile(jar)) {
            warnings.add(bsn + ": exports API but has no baseline " + baselineVersion
                    + " (releng/baseline/repository), so no API change of it is checked until the next baseline");
            return;
        }
        Path pom = root.resolve("bundles").resolve(bsn).resolve("pom.xml");
        if (Files.isRegularFile(pom) && !Files.readString(pom).contains("<artifactId>bnd-baseline-maven-plugin<")) {
            errors.add(bsn + ": has a baseline " + baselineVersion + " but its pom.xml does not run the baseline gate"
                    + " (add bnd-baseline-maven-plugin to its build/plugins, as the other API bundles do)");
        }
        try (JarFile baseline = new JarFile(jar.toFile())) {
            Map<String, String> before = exports(baseline.getManifest().getMainAttributes().getValue("Export-Package"));
            for (Map.Entry<String, String> old : before.entrySet()) {
                if (!exported.containsKey(old.getKey())) {
                    errors.add(bsn + ": package " + old.getKey() + " (version " + old.getValue() + " in baseline "
                            + baselineVersion + ") is no longer exported: removing an API package breaks its users");
                }
            }
        }
    }

    private static String symbolicName(Manifest manifest, Path bundle) {
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        return bsn == null ? bundle.getFileName().toString() : bsn.split(";")[0].trim();
    }

    /** package name to its version attribute (null when it has none), from an Export-Package header. */
    static Map<String, String> exports(String header) {
        Map<String, String> result = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return result;
        }
        for (String clause : split(header, ',')) {
            List<String> packages = new ArrayList<>();
            String version = null;
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    packages.add(p);
                } else if (p.charAt(eq - 1) != ':' && p.substring(0, eq).trim().equals("version")) {
                    version = unquote(p.substring(eq + 1).trim());
                }
            }
            for (String pkg : packages) {
                result.put(pkg, version);
            }
        }
        return result;
    }

    /** Splits on a separator outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** OSGi version equality: 1.2 and 1.2.0 are the same version. */
    private static String normalize(String version) {
        String[] parts = version.trim().split("\\.", 4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String n = i < parts.length ? parts[i] : "0";
            try {
                b.append(Integer.parseInt(n));
            } catch (NumberFormatException e) {
                return version.trim();
            }
            b.append('.');
        }
        b.append(parts.length > 3 ? parts[3] : "");
        return b.toString();
    }

    /** package name to the @Version of its package-info.java, in the bundle's source folders. */
    private static Map<String, String> packageInfoVersions(Path bundle) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (Path sourceFolder : sourceFolders(bundle)) {
            if (!Files.isDirectory(sourceFolder)) {
                continue;
            }
            List<Path> infos;
            try (Stream<Path> files = Files.walk(sourceFolder)) {
                infos = files.filter(f -> f.getFileName().toString().equals("package-info.java")).sorted().toList();
            }
            for (Path info : infos) {
                String source = COMMENTS.matcher(Files.readString(info)).replaceAll(" ");
                Matcher pkg = PACKAGE_DECLARATION.matcher(source);
                Matcher version = VERSION_ANNOTATION.matcher(source);
                if (pkg.find() && version.find()) {
                    result.put(pkg.group(1), version.group(1));
                }
            }
        }
        return result;
    }

    /** The source folders named by build.properties (source.. and other source.* entries), else src/. */
    private static List<Path> sourceFolders(Path bundle) throws IOException {
        Path buildProperties = bundle.resolve("build.properties");
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(buildProperties)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(buildProperties)) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("source.")) {
                    for (String folder : properties.getProperty(key).split(",")) {
                        if (!folder.isBlank()) {
                            folders.add(bundle.resolve(folder.trim()));
                        }
                    }
                }
            }
        }
        if (folders.isEmpty()) {
            folders.add(bundle.resolve("src"));
        }
        return folders;
    }
}
