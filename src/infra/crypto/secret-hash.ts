import { hash, verify } from '@node-rs/argon2';

/** argon2id at OWASP's smallest recommended cost (19 MiB, 2 passes): tens of milliseconds, off the event loop. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The stored form of a secret a person types (a driver's PIN, an operator's password). */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a secret against its hash; with no hash (unknown account, no secret set yet) it checks against
 * a dummy, so that the answer takes as long and says as little as a wrong secret.
 */
export async function secretMatches(storedHash: string | null, secret: string): Promise<boolean> {
  if (storedHash !== null) return verify(storedHash, secret);
  dummyHash ??= hashSecret('000000000000');
  await verify(await dummyHash, secret);
  return false;
}
