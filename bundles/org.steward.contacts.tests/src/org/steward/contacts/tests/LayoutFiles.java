package org.steward.contacts.tests;

import java.nio.charset.StandardCharsets;

/**
 * Import files in the layouts the tools write, one per layout, written from the formats' public documentation (the
 * headers in each tool's order, a subset of their many columns, unmapped ones included). In each CSV file the first
 * person has values every Steward version stores as written; the second has what needs the value normalisation of
 * issue 14 (a country by name, a multi-line street, a phone extension, a year-less or US birthday).
 */
final class LayoutFiles {

    private LayoutFiles() {
    }

    /** Google Contacts' export ("Google CSV"): numbered groups, "* " marks the primary value. */
    static final String GOOGLE = """
            First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,E-mail 1 - Label,E-mail 1 - Value,\
            E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,\
            Phone 3 - Label,Phone 3 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,\
            Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,\
            Address 1 - Extended Address,Address 2 - Label,Address 2 - Formatted,Address 2 - Street,Address 2 - City,\
            Address 2 - PO Box,Address 2 - Region,Address 2 - Postal Code,Address 2 - Country,\
            Address 2 - Extended Address,Organization Name,Organization Title,Organization Department,Birthday,Notes,\
            Labels
            Zofia,Maria,Wiśniewska,,Zosia,,Home,zosia@example.com,* Work,zofia.w@example.pl,Mobile,+48 601 234 567,\
            Work,+48 22 123 45 67,Home,+48 12 345 67 89,Home,"ul. Długa 5
            30-001 Kraków",ul. Długa 5,Kraków,,Małopolskie,30-001,PL,,Work,,ul. Marszałkowska 10,Warszawa,,,00-001,PL,,\
            Kowalski Sp. z o.o.,Dyrektor,Zarząd,1980-03-14,Poznana na targach,* myContacts ::: Klienci
            小明,,李,,,,* Work,li.xiaoming@example.cn,,,Work,+86 10 6552 9988 ext. 123,,,,,Work,,"建国门外大街1号
            国贸大厦3层",北京,,,100004,中国,,,,,,,,,,,北京贸易有限公司,经理,,--04-23,,
            """;

    /** Google's older export: Given Name / Family Name, "Type" columns, several values in a cell with ":::". */
    static final String GOOGLE_OLDER = """
            Name,Given Name,Additional Name,Family Name,Yomi Name,Birthday,Notes,Group Membership,E-mail 1 - Type,\
            E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,\
            Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Organization 1 - Type,Organization 1 - Name,\
            Organization 1 - Title
            Tomasz Zieliński,Tomasz,,Zieliński,,1979-01-30,,* My Contacts ::: Dostawcy,* Home,\
            tomasz@example.pl ::: t.zielinski@example.com,Mobile,+48 603 000 111,Home,"ul. Piotrkowska 100, 90-001 Łódź",\
            ,,,,,Zieliński i Syn,Właściciel
            """;

    /** Outlook's CSV export (Microsoft's column order), an empty birthday written 0/0/00. */
    static final String OUTLOOK = """
            "First Name","Middle Name","Last Name","Title","Suffix","Company","Department","Job Title",\
            "Business Street","Business Street 2","Business Street 3","Business City","Business State",\
            "Business Postal Code","Business Country/Region","Home Street","Home Street 2","Home Street 3","Home City",\
            "Home State","Home Postal Code","Home Country/Region","Business Fax","Business Phone","Business Phone 2",\
            "Home Phone","Home Phone 2","Mobile Phone","Other Phone","Primary Phone","Birthday","Categories",\
            "E-mail Address","E-mail Type","E-mail Display Name","E-mail 2 Address","E-mail 2 Type",\
            "E-mail 2 Display Name","E-mail 3 Address","Notes"
            "Marco","","Rossi","","","Rossi S.r.l.","Vendite","Direttore vendite","Via Roma 1","","","Milano","MI",\
            "20121","IT","Via Garibaldi 7","","","Torino","TO","10121","IT","","+39 02 1234 5678","","+39 011 765 4321",\
            "","+39 333 123 4567","","","0/0/00","Clienti;VIP","marco.rossi@example.it","SMTP","Marco Rossi",\
            "marco@example.com","SMTP","Marco","",""
            "Élodie","","Durand-Lefèvre","","","Durand SA","","Gérante","12 rue de la Paix","Bâtiment C","",\
            "Bruxelles","","1000","Belgique","","","","","","","","","+32 2 512 34 56 x204","","","","","","",\
            "3/14/1980","","elodie@example.fr","SMTP","Élodie","","","","",""
            """;

    /** Apple Contacts labels as exporter apps write them (Address Book's import labels). */
    static final String APPLE = """
            First,Last,Organization,Job Title,Email (work),Email (home),Phone (mobile),Phone (work),\
            Address (home) street,Address (home) city,Address (home) zip,Address (home) country,Birthday,Note
            Łucja,Kamińska,Kamińska Studio,Projektantka,lucja@example.pl,lucja.k@example.com,+48 502 111 222,\
            +48 61 222 33 44,ul. Półwiejska 2,Poznań,61-888,PL,1985-12-01,
            """;

    /** HubSpot's contacts export: default properties by label, the GDPR legal-basis property. */
    static final String HUBSPOT = """
            Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Street Address,City,State/Region,\
            Postal Code,Country/Region,Company Name,Job Title,Lifecycle Stage,Marketing contact status,\
            Legal basis for processing contact's data,Create Date
            101,Anna,Nowak,anna.nowak@example.pl,+48 22 555 01 02,+48 600 700 800,Nowy Świat 15,Warszawa,mazowieckie,\
            00-029,PL,Nowak Consulting,CEO,Lead,Marketing contact,Legitimate interest – prospect/lead,2024-01-15 10:00
            102,Piotr,Żółkiewski,piotr.z@example.pl,22 555 01 03,,Krakowskie Przedmieście 5,Warszawa,,00-068,Polska,\
            ,,Subscriber,Non-marketing contact,Freely given consent from contact,2024-02-01 09:30
            """;

    /** Zoho CRM's Contacts export. */
    static final String ZOHO = """
            Contact Owner,Salutation,First Name,Last Name,Account Name,Email,Secondary Email,Title,Department,Phone,\
            Mobile,Home Phone,Date of Birth,Mailing Street,Mailing City,Mailing State,Mailing Zip,Mailing Country,\
            Email Opt Out,Description
            owner@example.com,Sig.ra,Giulia,Bianchi,Bianchi SpA,giulia@example.it,giulia.b@example.com,\
            Responsabile acquisti,Acquisti,+39 06 1234 5678,+39 347 765 4321,,1975-11-02,Via del Corso 100,Roma,RM,\
            00186,IT,false,Cliente dal 2019
            owner@example.com,Sig.,Luca,Verdi,,luca.verdi@example.it,,,,,,,,Via Po 3,Torino,TO,10124,Italia,true,
            """;

    /** Salesforce Contact export (Data Loader, API names); a multi-line MailingStreet as Salesforce stores it. */
    static final String SALESFORCE = """
            Id,AccountId,FirstName,LastName,Email,Phone,MobilePhone,HomePhone,MailingStreet,MailingCity,MailingState,\
            MailingPostalCode,MailingCountry,Title,Birthdate,HasOptedOutOfEmail,Description
            0035g00000AbCdEAAA,0015g00000XyZaBAAV,Jean,Dupont,jean.dupont@example.fr,+33 1 23 45 67 89,\
            +33 6 12 34 56 78,,5 avenue Victor Hugo,Lyon,,69002,FR,Directeur,1968-07-21,true,
            0035g00000AbCdFAAA,,Emily,Johnson,emily.johnson@example.com,(212) 555-0123,,,"350 Fifth Avenue
            Suite 3300",New York,NY,10118,United States,VP Marketing,,false,
            """;

    /** SuiteCRM's list-view export (database names). */
    static final String SUITECRM = """
            id,first_name,last_name,title,account_name,email1,email2,phone_work,phone_mobile,phone_home,\
            primary_address_street,primary_address_city,primary_address_state,primary_address_postalcode,\
            primary_address_country,alt_address_street,alt_address_city,alt_address_postalcode,alt_address_country,\
            birthdate,description
            6f1c,Hans,Müller,Einkaufsleiter,Müller AG,hans@example.de,h.mueller@example.com,+49 30 1234567,\
            +49 171 1234567,,Unter den Linden 1,Berlin,BE,10117,DE,Marienplatz 1,München,80331,DE,1970-01-01,
            """;

    /** EspoCRM's contact export (field labels). */
    static final String ESPOCRM = """
            First Name,Last Name,Email Address,Phone,Address Street,Address City,Address State,Address Postal Code,\
            Address Country,Account Name,Title,Description
            伟,张,zhang.wei@example.cn,+86 21 5555 6666,南京东路1号,上海,,200001,CN,上海贸易公司,总经理,
            """;

    /** vCards as phones, mail clients and webmail write them. */
    static String vcards() {
        String android21 = "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                + "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Żółkiewska;Małgorzata;;;") + "\r\n"
                + "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Małgorzata Żółkiewska") + "\r\n"
                + "TEL;CELL;PREF:+48605777888\r\nTEL;HOME:+48123334455\r\nEMAIL;HOME:malgorzata@example.pl\r\n"
                + "EMAIL;WORK;PREF:m.zolkiewska@example.com\r\n"
                + "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp(";;ul. Łąkowa 7;Gdańsk;;80-001;PL")
                + "\r\nEND:VCARD\r\n";
        String iphone30 = """
                BEGIN:VCARD
                VERSION:3.0
                PRODID:-//Apple Inc.//iPhone OS 17.4//EN
                N:Kowalczyk;Katarzyna;;;
                FN:Katarzyna Kowalczyk
                ORG:Kowalczyk i Wspólnicy;
                TITLE:Adwokat
                item1.EMAIL;type=INTERNET;type=pref:kasia@example.pl
                item1.X-ABLabel:_$!<Other>!$_
                EMAIL;type=INTERNET;type=WORK:k.kowalczyk@example.com
                TEL;type=CELL;type=VOICE;type=pref:+48 604 555 666
                TEL;type=WORK;type=VOICE:+48 22 333 44 55
                item2.ADR;type=HOME;type=pref:;;ul. Mokotowska 12;Warszawa;;00-561;PL
                item2.X-ABADR:pl
                item3.ADR:;;Aleje Jerozolimskie 100;Warszawa;;00-807;PL
                item3.X-ABLabel:Biuro
                BDAY;value=date:1982-05-20
                END:VCARD
                """;
        String evolution30 = """
                BEGIN:VCARD
                VERSION:3.0
                EMAIL;TYPE=WORK;X-EVOLUTION-UI-SLOT=1:piotr.nowicki@example.pl
                EMAIL;TYPE=HOME;X-EVOLUTION-UI-SLOT=2:piotr@example.com
                TEL;TYPE=WORK;TYPE=VOICE;X-EVOLUTION-UI-SLOT=1:+48 58 300 20 10
                TEL;TYPE=CELL;X-EVOLUTION-UI-SLOT=2:+48 607 800 900
                N:Nowicki;Piotr;;;
                FN:Piotr Nowicki
                X-EVOLUTION-FILE-AS:Nowicki\\, Piotr
                ADR;TYPE=WORK:;;ul. Grunwaldzka 472;Gdańsk;pomorskie;80-309;PL
                ORG:Nowicki IT;
                TITLE:Programista
                BDAY:1988-10-05
                END:VCARD
                """;
        String lotus21 = """
                BEGIN:VCARD
                VERSION:2.1
                N:Schmidt;Klaus
                FN:Klaus Schmidt
                ORG:Schmidt GmbH
                EMAIL;INTERNET;PREF:klaus.schmidt@example.de
                EMAIL;INTERNET:k.schmidt@example.com
                TEL;WORK:+49 89 1234 5678
                TEL;CELL:+49 160 1234567
                ADR;WORK:;;Leopoldstraße 10;München;Bayern;80802;DE
                END:VCARD
                """;
        String gmail30 = """
                BEGIN:VCARD
                VERSION:3.0
                FN:Sofia Ricci
                N:Ricci;Sofia;;;
                EMAIL;TYPE=INTERNET;TYPE=HOME:sofia@example.it
                EMAIL;TYPE=INTERNET;TYPE=WORK:s.ricci@example.com
                TEL;TYPE=CELL:+39 320 111 2233
                ADR;TYPE=HOME:;;Via Toledo 256;Napoli;;80134;IT
                ORG:Ricci Design
                TITLE:Architetta
                CATEGORIES:myContacts
                END:VCARD
                """;
        // Outlook 2.1: a QUOTED-PRINTABLE street of two lines, the country by name
        String outlook21 = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=fr-fr:Moreau;Camille\r\nFN:Camille Moreau\r\n"
                + "ORG:Moreau & Fils\r\nTEL;WORK;VOICE:+33 4 91 00 00 00\r\nTEL;CELL;VOICE:+33 6 98 76 54 32\r\n"
                + "ADR;WORK;PREF;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:" + qp(";;10 quai du Port\r\n2e étage;"
                        + "Marseille;;13002;France") + "\r\nEMAIL;PREF;INTERNET:camille.moreau@example.fr\r\n"
                + "BDAY:19790912\r\nREV:20240101T000000Z\r\nEND:VCARD\r\n";
        // Thunderbird 4.0: two street lines as a list, a Chinese country name, a year-less birthday, an extension
        String thunderbird40 = """
                BEGIN:VCARD
                VERSION:4.0
                N:陈;美;;;
                FN:陈美
                EMAIL;PREF=1:mei.chen@example.cn
                EMAIL;TYPE=work:chen.mei@example.com
                TEL;TYPE=cell;VALUE=TEXT:+86 138 0013 8000
                TEL;TYPE=work;VALUE=TEXT:+86 10 8888 7777 ext 45
                ADR;TYPE=work:;;中关村大街1号,5号楼;北京;;100080;中国
                BDAY:--0423
                NOTE:Met at the fair
                END:VCARD
                """;
        return android21 + crlf(iphone30) + crlf(evolution30) + crlf(lotus21) + crlf(gmail30) + outlook21
                + crlf(thunderbird40);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** QUOTED-PRINTABLE of the UTF-8 bytes, as Android and Outlook write 2.1 (soft line breaks left out). */
    static String qp(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v >= 0x21 && v <= 0x7e && v != '=' || v == ' ') {
                out.append((char) v);
            } else {
                out.append('=').append(String.format("%02X", v));
            }
        }
        return out.toString();
    }
}
