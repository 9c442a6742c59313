import { hash, verify } from '@node-rs/argon2';

/** argon2id at OWASP's smallest recommended cost (19 MiB, 2 passes): tens of milliseconds, off the event loop. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** 6 to 12 digits: typed on a phone's number pad, with gloves on. */
export const PIN_PATTERN = /^\d{6,12}$/;
export const PIN_RULE = 'must be 6 to 12 digits';

export function hashPin(pin: string): Promise<string> {
  return hash(pin, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a PIN against its hash; with no hash (unknown phone, no PIN yet) it checks against a dummy,
 * so that the answer takes as long and says as little as a wrong PIN.
 */
export async function pinMatches(storedHash: string | null, pin: string): Promise<boolean> {
  if (storedHash !== null) return verify(storedHash, pin);
  dummyHash ??= hashPin('000000000000');
  await verify(await dummyHash, pin);
  return false;
}
