package org.steward.rights.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes one person's access/portability package as a zip: {@code data.json} (validated by {@code schema.json}, the
 * JSON Schema shipped in this bundle), {@code csv/<module>/<category>.csv}, the files each module adds in a format of
 * its own under {@code <module>/} (the contacts module's {@code contacts/contact.vcf}), {@code summary.txt} and
 * {@code summary.html}. This class knows no module's fields: what a module's files hold is that module's business. The zip is written beside the target under a temporary name and moved into place, so a
 * crash never leaves a half-written package under the requested name.
 */
final class ExportPackage {

    static final String SCHEMA_RESOURCE = "schema/export-1.0.schema.json";
    static final String FORMAT = "steward-personal-data-export";
    static final String SCHEMA_VERSION = "1.0";

    private static final JsonFactory JSON = new JsonFactory();

    private final PersonId person;
    private final Instant generatedAt;
    private final Optional<String> request;
    private final List<ModuleData> modules;
    private final URL schema;

    ExportPackage(PersonId person, Instant generatedAt, Optional<String> request, List<ModuleData> modules, URL schema) {
        this.person = person;
        this.generatedAt = generatedAt;
        this.request = request;
        this.modules = List.copyOf(modules);
        this.schema = schema;
    }

    /** Writes the zip and returns the names of its entries. */
    List<String> writeTo(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(zip, entries, "data.json", this::writeJson);
                entry(zip, entries, "schema.json", this::writeSchema);
                for (ModuleData module : modules) {
                    for (DataCategory category : categoriesWithRecords(module)) {
                        entry(zip, entries, "csv/" + slug(module.module()) + "/" + slug(category.name()) + ".csv",
                                out2 -> writeCsv(out2, module, category));
                    }
                }
                for (ModuleData module : modules) {
                    for (ExportedFile exported : module.files()) {
                        entry(zip, entries, module.path(exported), out2 -> out2.write(exported.content()));
                    }
                }
                Summary summary = new Summary(person, generatedAt, modules);
                entry(zip, entries, "summary.txt", out2 -> out2.write(summary.text().getBytes(StandardCharsets.UTF_8)));
                entry(zip, entries, "summary.html", out2 -> out2.write(summary.html().getBytes(StandardCharsets.UTF_8)));
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return entries;
        } catch (IOException e) {
            throw new UnavailableException("The export package could not be written (" + e.getClass().getSimpleName()
                    + "); check the target folder", e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing left to clean up, or nothing we can do
            }
        }
    }

    /** The records of a module grouped by category: the declared categories first, then any undeclared ones. */
    static List<DataCategory> categoriesWithRecords(ModuleData module) {
        Map<String, DataCategory> byName = new LinkedHashMap<>();
        module.categories().forEach(c -> byName.put(c.name(), c));
        Set<String> used = new LinkedHashSet<>();
        module.records().forEach(r -> used.add(r.category()));
        List<DataCategory> result = new ArrayList<>();
        for (String name : used) {
            result.add(byName.getOrDefault(name,
                    new DataCategory(name, List.of(), List.of(), List.of(), List.of(), "")));
        }
        return result;
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static void entry(ZipOutputStream zip, List<String> entries, String name, Content content)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        content.write(buffer);
        buffer.writeTo(zip);
        zip.closeEntry();
        entries.add(name);
    }

    private void writeSchema(OutputStream out) throws IOException {
        try (InputStream in = schema.openStream()) {
            in.transferTo(out);
        }
    }

    private void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeStringField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("person", person.toString());
            json.writeStringField("generatedAt", generatedAt.toString());
            if (request.isPresent()) {
                json.writeStringField("request", request.get());
            } else {
                json.writeNullField("request");
            }
            json.writeArrayFieldStart("modules");
            for (ModuleData module : modules) {
                json.writeStartObject();
                json.writeStringField("module", module.module());
                json.writeArrayFieldStart("categories");
                for (DataCategory category : module.categories()) {
                    writeCategory(json, category);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("records");
                for (ExportedRecord record : module.records()) {
                    writeRecord(json, record);
                }
                json.writeEndArray();
                if (!module.files().isEmpty()) {
                    json.writeArrayFieldStart("files");
                    for (ExportedFile exported : module.files()) {
                        json.writeStartObject();
                        json.writeStringField("path", module.path(exported));
                        json.writeStringField("mediaType", exported.mediaType());
                        json.writeNumberField("bytes", exported.content().length);
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeCategory(JsonGenerator json, DataCategory category) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", category.name());
        json.writeArrayFieldStart("fields");
        for (FieldDescription field : category.fields()) {
            json.writeStartObject();
            json.writeStringField("name", field.name());
            json.writeStringField("classification", field.classification().name());
            json.writeStringField("description", field.description());
            json.writeEndObject();
        }
        json.writeEndArray();
        strings(json, "purposes", category.purposes());
        strings(json, "lawfulBases", category.lawfulBases());
        strings(json, "recipients", category.recipients());
        json.writeStringField("retention", category.retention());
        json.writeEndObject();
    }

    private static void writeRecord(JsonGenerator json, ExportedRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("category", record.category());
        json.writeStringField("type", record.type());
        json.writeStringField("id", record.id());
        json.writeStringField("source", record.source());
        json.writeObjectFieldStart("fields");
        for (Map.Entry<String, Object> field : Values.flatten(record.fields()).entrySet()) {
            json.writeFieldName(field.getKey());
            writeValue(json, field.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String s -> json.writeString(s);
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case java.math.BigDecimal d -> json.writeNumber(d);
            case java.math.BigInteger d -> json.writeNumber(d);
            case Number n -> json.writeNumber(n.doubleValue());
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeCsv(OutputStream out, ModuleData module, DataCategory category) throws IOException {
        List<ExportedRecord> records = module.records().stream().filter(r -> r.category().equals(category.name()))
                .toList();
        Set<String> columns = new LinkedHashSet<>();
        category.fields().forEach(f -> columns.add(f.name()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ExportedRecord record : records) {
            Map<String, Object> flat = Values.flatten(record.fields());
            columns.addAll(flat.keySet());
            rows.add(flat);
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("record_id", "record_type", "source"));
        header.addAll(columns);
        try (CSVPrinter csv = new CSVPrinter(writer,
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < records.size(); i++) {
                List<String> row = new ArrayList<>(header.size());
                row.add(records.get(i).id());
                row.add(records.get(i).type());
                row.add(records.get(i).source());
                for (String column : columns) {
                    row.add(Values.text(rows.get(i).get(column)));
                }
                csv.printRecord(row);
            }
        }
    }

    /** A file name part from a module or category name: lower-case letters, digits and '-'. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "data" : slug;
    }
}
