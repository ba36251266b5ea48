package org.steward.contacts;

/** A postal address; any part may be empty. {@code country} is an ISO 3166-1 alpha-2 code. */
public record PostalAddress(String street, String postalCode, String city, String region, String country) {
    public static final PostalAddress EMPTY = new PostalAddress("", "", "", "", "");

    public PostalAddress {
        street = street == null ? "" : street;
        postalCode = postalCode == null ? "" : postalCode;
        city = city == null ? "" : city;
        region = region == null ? "" : region;
        country = country == null ? "" : country;
    }

    public boolean isEmpty() {
        return street.isEmpty() && postalCode.isEmpty() && city.isEmpty() && region.isEmpty() && country.isEmpty();
    }
}
