package org.steward.contacts;

/** The legal grounds of GDPR Art. 6(1) on which a purpose of processing rests. */
public enum LawfulBasis {
    /** (a) the person consented to the purpose. */
    CONSENT,
    /** (b) performance of a contract with the person, or steps before one at their request. */
    CONTRACT,
    /** (c) a legal obligation of the controller. */
    LEGAL_OBLIGATION,
    /** (d) vital interests of the person or another natural person. */
    VITAL_INTERESTS,
    /** (e) a task in the public interest or official authority. */
    PUBLIC_TASK,
    /** (f) legitimate interests of the controller or a third party; needs a written justification (balancing test). */
    LEGITIMATE_INTERESTS
}
