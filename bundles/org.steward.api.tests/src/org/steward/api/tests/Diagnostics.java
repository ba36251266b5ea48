package org.steward.api.tests;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/** What a failing API test prints: the bundles that did not start and what the REST whiteboard refused. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String of(BundleContext context) {
        StringBuilder out = new StringBuilder("bundles not active: ");
        out.append(Arrays.stream(context.getBundles()).filter(b -> b.getState() != Bundle.ACTIVE
                && b.getHeaders().get("Fragment-Host") == null).map(b -> b.getSymbolicName() + "=" + b.getState())
                .collect(Collectors.joining(", ")));
        ServiceReference<JakartarsServiceRuntime> ref = context.getServiceReference(JakartarsServiceRuntime.class);
        if (ref == null) {
            return out.append("\nno JakartarsServiceRuntime service").toString();
        }
        RuntimeDTO dto = context.getService(ref).getRuntimeDTO();
        out.append("\napplications: ").append(Arrays.stream(dto.applicationDTOs).map(a -> a.name + "@" + a.base
                + " resources " + a.resourceDTOs.length + " extensions " + a.extensionDTOs.length)
                .collect(Collectors.joining(", ")));
        out.append("\nfailed applications: ").append(Arrays.stream(dto.failedApplicationDTOs).map(a -> a.name + ":"
                + a.failureReason).collect(Collectors.joining(", ")));
        out.append("\nfailed resources: ").append(Arrays.stream(dto.failedResourceDTOs).map(a -> a.name + ":"
                + a.failureReason).collect(Collectors.joining(", ")));
        out.append("\nfailed extensions: ").append(Arrays.stream(dto.failedExtensionDTOs).map(a -> a.name + ":"
                + a.failureReason).collect(Collectors.joining(", ")));
        return out.toString();
    }
}
