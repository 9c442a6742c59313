import { PlatformsService } from '../integrations/platforms.service';
import { CliIo } from './cli-io';
import { withServiceContext } from './service-context';

/**
 * `secrets reseal`: seals every platform's webhook secrets with WEBHOOK_SECRET_KEY, opening them with
 * it or with a key of WEBHOOK_SECRET_PREVIOUS_KEYS. The step of a key rotation after the new key is
 * deployed, and the first step after upgrading from plaintext storage (docs/security.md).
 */
export async function runSecretsReseal(io: CliIo): Promise<number> {
  return withServiceContext(async (app) => {
    const { platforms, resealed } = await app.get(PlatformsService).resealSecrets();
    io.stdout(`sealed the webhook secrets of ${resealed} of ${platforms} platform(s) with the current key; the others already were\n`);
    return 0;
  });
}
