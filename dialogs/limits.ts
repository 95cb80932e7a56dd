/** Limits shared by the dialogs. */

/** Search reads at most this much of a message; the safety check always reads all of it. */
export const MAX_SEARCH_CHARACTERS = 1000;
/** After this many turns in a row not understood, offer a person. */
export const STRIKES_BEFORE_HUMAN_ROUTES = 3;
