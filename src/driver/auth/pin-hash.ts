import { hashSecret, secretMatches } from '../../infra/crypto/secret-hash';

/** 6 to 12 digits: typed on a phone's number pad, with gloves on. */
export const PIN_PATTERN = /^\d{6,12}$/;
export const PIN_RULE = 'must be 6 to 12 digits';

export const hashPin = hashSecret;

/** A PIN against its hash; no hash (unknown phone, no PIN yet) is checked against a dummy, as long and as silent as a wrong PIN. */
export const pinMatches = secretMatches;
