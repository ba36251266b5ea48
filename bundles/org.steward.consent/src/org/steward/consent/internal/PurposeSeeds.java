package org.steward.consent.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.steward.consent.ConsentPurpose;

import jakarta.persistence.EntityManager;

/** The purposes and first consent texts every installation starts with; docs/CONSENT.md lists them. */
final class PurposeSeeds {

    private PurposeSeeds() {
    }

    static Void seed(EntityManager em) {
        Instant now = Instant.now();
        purpose(em, now, ConsentPurpose.NEWSLETTER, "News and updates by e-mail, sent to mailing lists.", true, Map.of(
                Locale.ENGLISH, "Yes, I want to receive the newsletter by e-mail. I can unsubscribe at any time with "
                        + "one click in every newsletter.",
                Locale.forLanguageTag("pl"), "Tak, chcę otrzymywać newsletter e-mailem. Mogę zrezygnować w każdej "
                        + "chwili jednym kliknięciem w każdym newsletterze.",
                Locale.ITALIAN, "Sì, desidero ricevere la newsletter via e-mail. Posso annullare l'iscrizione in "
                        + "qualsiasi momento con un clic in ogni newsletter.",
                Locale.FRENCH, "Oui, je souhaite recevoir la newsletter par e-mail. Je peux me désabonner à tout "
                        + "moment d'un clic dans chaque newsletter.",
                Locale.CHINESE, "是的，我希望通过电子邮件接收新闻简报。我可以随时在每封简报中一键退订。"));
        purpose(em, now, ConsentPurpose.MARKETING_EMAIL, "Offers and promotions by e-mail.", true, Map.of(
                Locale.ENGLISH, "Yes, I want to receive offers and promotions by e-mail. I can withdraw this consent "
                        + "at any time.",
                Locale.forLanguageTag("pl"), "Tak, chcę otrzymywać oferty i promocje e-mailem. Mogę w każdej chwili "
                        + "wycofać tę zgodę.",
                Locale.ITALIAN, "Sì, desidero ricevere offerte e promozioni via e-mail. Posso revocare questo consenso "
                        + "in qualsiasi momento.",
                Locale.FRENCH, "Oui, je souhaite recevoir des offres et promotions par e-mail. Je peux retirer ce "
                        + "consentement à tout moment.",
                Locale.CHINESE, "是的，我希望通过电子邮件接收优惠和促销信息。我可以随时撤回此同意。"));
        purpose(em, now, ConsentPurpose.PROFILING, "Analysis of interests to tailor offers (profiling, Art. 22).", true,
                Map.of(Locale.ENGLISH, "Yes, you may analyse my interests to tailor offers to me. I can withdraw this "
                        + "consent at any time.",
                        Locale.forLanguageTag("pl"), "Tak, możecie analizować moje zainteresowania, aby dopasować do "
                                + "mnie oferty. Mogę w każdej chwili wycofać tę zgodę.",
                        Locale.ITALIAN, "Sì, potete analizzare i miei interessi per proporre offerte su misura. Posso "
                                + "revocare questo consenso in qualsiasi momento.",
                        Locale.FRENCH, "Oui, vous pouvez analyser mes centres d'intérêt pour adapter vos offres. Je "
                                + "peux retirer ce consentement à tout moment.",
                        Locale.CHINESE, "是的，您可以分析我的兴趣以便为我定制优惠。我可以随时撤回此同意。"));
        purpose(em, now, ConsentPurpose.SERVICE_COMMUNICATION, "Mail that is part of a service the person asked for "
                + "(confirmations, answers, notices); rests on the contract or a legal obligation, needs no consent.",
                false, Map.of());
        return null;
    }

    private static void purpose(EntityManager em, Instant now, String name, String description, boolean needsConsent,
            Map<Locale, String> texts) {
        if (em.find(PurposeRecord.class, name) != null) {
            return;
        }
        PurposeRecord p = new PurposeRecord();
        p.name = name;
        p.description = description;
        p.needsConsent = needsConsent;
        p.builtIn = true;
        p.currentVersion = texts.isEmpty() ? 0 : 1;
        p.createdAt = now;
        em.persist(p);
        texts.forEach((language, text) -> {
            PurposeTextRecord t = new PurposeTextRecord();
            t.id = UUID.randomUUID().toString();
            t.purpose = name;
            t.version = 1;
            t.language = language.toLanguageTag();
            t.text = text;
            t.publishedAt = now;
            em.persist(t);
        });
    }
}
