package org.steward.breaches.internal;

import org.steward.breaches.Breach;

/** Told about each overdue breach once; the Event Admin bridge registers one when Event Admin is there. */
public interface OverdueAlerts {

    void overdue(Breach breach);
}
