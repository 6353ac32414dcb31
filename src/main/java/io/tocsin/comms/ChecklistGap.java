package io.tocsin.comms;

/**
 * What an update is missing by the handbook's completeness checklist (seed 003): impact, how many are affected,
 * root cause (or an honest "not known yet"), expected recovery, when the next update comes; and the fixed shape of
 * a follow-up (2-4 bullets each for current status and next steps).
 */
public enum ChecklistGap {
    CUSTOMER_IMPACT, AFFECTED, ROOT_CAUSE, EXPECTED_RECOVERY, NEXT_UPDATE, CURRENT_STATUS_SHAPE, NEXT_STEPS_SHAPE
}
