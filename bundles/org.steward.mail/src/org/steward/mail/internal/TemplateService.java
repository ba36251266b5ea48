package org.steward.mail.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.BundleTracker;
import org.steward.core.ValidationException;
import org.steward.mail.MailTemplates;
import org.steward.mail.RenderedMail;

/**
 * The templates the installed modules contribute: each module names a folder of UTF-8 files
 * {@code <name>/<language>.txt} in its {@value MailTemplates#TEMPLATES_HEADER} manifest header (the extender pattern,
 * as Sling and openHAB read their bundles' resources), so this bundle lists no module's templates.
 */
@Component(service = MailTemplates.class, immediate = true)
public final class TemplateService implements MailTemplates {

    private final TemplateContributions contributions;
    private final BundleTracker<TemplateContributions.Contribution> tracker;

    @Activate
    public TemplateService(@Reference(service = LoggerFactory.class) Logger logger, BundleContext context) {
        this.contributions = new TemplateContributions(logger);
        // a bundle with lazy activation waits in STARTING until first used; its templates count from then
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, contributions);
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    private TemplateContributions.Entry entry(String template) {
        return contributions.entry(template).orElseThrow(() -> new ValidationException("template",
                "is unknown (known: " + String.join(", ", templates()) + ")"));
    }

    @Override
    public RenderedMail render(String template, Locale language, Map<String, String> values) {
        return TemplateRenderer.render(template, entry(template).byLanguage(), language, values);
    }

    @Override
    public Set<String> templates() {
        return Collections.unmodifiableSet(new TreeSet<>(contributions.view().keySet()));
    }

    @Override
    public Set<Locale> languages(String template) {
        Set<Locale> languages = new LinkedHashSet<>();
        entry(template).byLanguage().keySet().forEach(code -> languages.add(Locale.forLanguageTag(code)));
        return Collections.unmodifiableSet(languages);
    }

    @Override
    public Optional<String> contributor(String template) {
        return contributions.entry(template).map(TemplateContributions.Entry::contributor);
    }
}
