package org.steward.mail.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.service.log.Logger;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.steward.mail.MailTemplates;

/**
 * The extender half of the templates: reads the folder a bundle names in its {@value MailTemplates#TEMPLATES_HEADER}
 * header while the bundle is starting or active, and forgets it when the bundle stops. A template name belongs to
 * the first bundle that brought it; a second bundle's template of the same name is refused and logged, and takes
 * over only when the first bundle goes away.
 */
final class TemplateContributions implements BundleTrackerCustomizer<TemplateContributions.Contribution> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** One bundle's templates: name, then language, then the text. */
    record Contribution(Bundle bundle, Map<String, Map<String, MailTemplate>> templates) {
        String owner() {
            return bundle.getSymbolicName() + " " + bundle.getVersion();
        }
    }

    /** A template as callers see it: its translations and the bundle that brought it. */
    record Entry(String contributor, Map<String, MailTemplate> byLanguage) {
    }

    private final Logger logger;
    /** In the order the bundles came: the first one owns a name. */
    private final Map<Long, Contribution> tracked = new LinkedHashMap<>();
    private volatile Map<String, Entry> view = Map.of();

    TemplateContributions(Logger logger) {
        this.logger = logger;
    }

    Map<String, Entry> view() {
        return view;
    }

    @Override
    public Contribution addingBundle(Bundle bundle, BundleEvent event) {
        String folder = bundle.getHeaders("").get(MailTemplates.TEMPLATES_HEADER);
        if (folder == null || folder.isBlank()) {
            return null;
        }
        Contribution contribution = new Contribution(bundle, read(bundle, folder.strip()));
        synchronized (this) {
            Map<String, Entry> current = view;
            for (String name : contribution.templates().keySet()) {
                Entry taken = current.get(name);
                if (taken != null) {
                    logger.error("Mail template '{}' of bundle {} is refused: bundle {} contributes a template of "
                            + "that name already (the first one stays)", name, contribution.owner(),
                            taken.contributor());
                }
            }
            tracked.put(bundle.getBundleId(), contribution);
            rebuild();
        }
        logger.info("Mail templates of bundle {} added: {}", contribution.owner(),
                String.join(", ", contribution.templates().keySet()));
        return contribution;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Contribution contribution) {
        // the folder is read once per start; STARTING to ACTIVE changes nothing
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Contribution contribution) {
        synchronized (this) {
            tracked.remove(bundle.getBundleId());
            rebuild();
        }
        logger.info("Mail templates of bundle {} removed: {}", contribution.owner(),
                String.join(", ", contribution.templates().keySet()));
    }

    /** The names each bundle owns, first come first served. */
    private void rebuild() {
        Map<String, Entry> next = new TreeMap<>();
        for (Contribution contribution : tracked.values()) {
            contribution.templates().forEach((name, byLanguage) -> next.putIfAbsent(name,
                    new Entry(contribution.bundle().getSymbolicName(), byLanguage)));
        }
        view = Collections.unmodifiableMap(next);
    }

    /** The templates in {@code <folder>/<name>/<language>.txt}; a malformed file is logged and left out. */
    private Map<String, Map<String, MailTemplate>> read(Bundle bundle, String folder) {
        String root = folder.replaceAll("^/+|/+$", "");
        Map<String, Map<String, MailTemplate>> templates = new TreeMap<>();
        Enumeration<URL> files = bundle.findEntries(root, "*.txt", true);
        List<URL> found = files == null ? List.of() : Collections.list(files);
        if (found.isEmpty()) {
            logger.warn("Bundle {} names the mail template folder '{}' but it holds no <name>/<language>.txt files",
                    bundle.getSymbolicName(), root);
        }
        for (URL file : found) {
            String path = file.getPath().replaceAll("^/+", "");
            String[] parts = path.substring(Math.min(path.length(), root.length() + 1)).split("/");
            String where = bundle.getSymbolicName() + ":" + path;
            if (!path.startsWith(root + "/") || parts.length != 2 || !NAME.matcher(parts[0]).matches()
                    || !LANGUAGE.matcher(parts[1].replaceAll("\\.txt$", "")).matches()) {
                logger.warn("Mail template file {} is left out: the files are <name>/<language>.txt with a "
                        + "lower-case name and a two- or three-letter language code", where);
                continue;
            }
            try {
                templates.computeIfAbsent(parts[0], n -> new LinkedHashMap<>())
                        .put(parts[1].replaceAll("\\.txt$", ""), MailTemplate.read(file, where));
            } catch (IOException e) {
                logger.error("Mail template file {} is left out: {}", where, e.getMessage());
            }
        }
        List<String> untranslated = new ArrayList<>();
        templates.forEach((name, byLanguage) -> {
            if (!byLanguage.containsKey(TemplateRenderer.FALLBACK)) {
                untranslated.add(name);
            }
        });
        for (String name : untranslated) {
            templates.remove(name);
            logger.error("Mail template '{}' of bundle {} is left out: it has no English text ({}.txt) to fall "
                    + "back to", name, bundle.getSymbolicName(), TemplateRenderer.FALLBACK);
        }
        return templates;
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(name == null ? null : view.get(name));
    }
}
