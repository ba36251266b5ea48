package org.steward.contacts.internal.rest;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.api.ApiCallers;
import org.steward.api.EntityTags;
import org.steward.api.Page;
import org.steward.api.StewardApi;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.internal.ContactPages;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/**
 * The contacts module's own REST resources at {@code /api/v1/contacts}, a whiteboard resource registered by this
 * bundle, so the paths come and go with it (DESIGN.md rule 12). Everything goes through the contacts service, which
 * decides access, refuses a restricted person (423) and audits; this class only translates HTTP.
 */
@Component(service = ContactsResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION,
        StewardApi.SELECT_JSON })
@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
public final class ContactsResource {

    private final Contacts contacts;
    private final ContactPages pages;
    private final Clock clock;

    @Activate
    public ContactsResource(@Reference Contacts contacts, @Reference ContactPages pages, @Reference Clock clock) {
        this.contacts = contacts;
        this.pages = pages;
        this.clock = clock;
    }

    /** Creates a contact; its data source is the API and the caller. Send {@code Idempotency-Key} to retry safely. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, ContactInput body) {
        Actor actor = ApiCallers.actor(security);
        if (body == null) {
            throw new ValidationException("body", "is required: a contact needs a name or an e-mail address");
        }
        Contact created = contacts.create(body.draft(), DataSource.api(actor.userId(), clock.instant()), actor);
        return Response.created(URI.create(StewardApi.BASE_PATH + "/contacts/" + created.id().value()))
                .tag(tag(created)).entity(ContactJson.of(created)).build();
    }

    /** One contact, with its {@code ETag} for a later change. */
    @GET
    @Path("{id}")
    public Response read(@Context SecurityContext security, @PathParam("id") String id) {
        Contact contact = contacts.get(ContactId.parse(id), ApiCallers.actor(security));
        return Response.ok(ContactJson.of(contact)).tag(tag(contact)).build();
    }

    /**
     * Changes fields: a JSON object of field names of the catalogue ({@code firstName}, {@code address.city},
     * {@code custom.shoeSize}) to text, or {@code null} to clear. Needs {@code If-Match} with the ETag read: 412
     * when the contact changed since.
     */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@Context SecurityContext security, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Map<String, String> changes) {
        Actor actor = ApiCallers.actor(security);
        ContactId contactId = ContactId.parse(id);
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("body", "is required: the fields to change");
        }
        EntityTags.requireMatch(ifMatch, tag(contacts.get(contactId, actor)), "The contact");
        Contact changed = contacts.update(contactId, changes, actor);
        return Response.ok(ContactJson.of(changed)).tag(tag(changed)).build();
    }

    /** Moves the contact to the recycle bin (restorable until the retention period ends). */
    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        contacts.delete(ContactId.parse(id), ApiCallers.actor(security));
        return Response.noContent().build();
    }

    /** Contacts in creation order, {@code limit} per page (50, at most 1000), from the {@code cursor} of the last. */
    @GET
    public Page<ContactJson> list(@Context SecurityContext security, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        ContactPages.Page page = pages.page(cursor, Page.limit(limit), ApiCallers.actor(security));
        return new Page<>(page.contacts().stream().map(ContactJson::of).toList(), page.next());
    }

    /** Finds contacts by e-mail address, phone number or name, given in the body (never in the URL). */
    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Page<ContactJson> search(@Context SecurityContext security, ContactSearchInput body) {
        Actor actor = ApiCallers.actor(security);
        List<String> given = body == null ? List.of() : Stream.of(body.email() == null ? null : "email",
                body.phone() == null ? null : "phone", body.name() == null ? null : "name")
                .filter(f -> f != null).toList();
        if (given.size() != 1) {
            throw new ValidationException(given.isEmpty() ? "body" : given.get(1), "give exactly one of email, "
                    + "phone or name");
        }
        int limit = Page.limit(body.limit());
        List<Contact> found = body.email() != null ? contacts.findByEmail(body.email(), actor).map(List::of)
                .orElse(List.of()) : contacts.find(body.phone() != null ? body.phone() : body.name(), limit, actor);
        return new Page<>(found.stream().map(ContactJson::of).toList(), null);
    }

    private static EntityTag tag(Contact contact) {
        return EntityTags.of(contact.id().value(), contact.updatedAt());
    }
}
