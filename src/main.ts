import 'reflect-metadata';
import { createHttpApp } from './app-setup';
import { loadAppConfig, requireSecretKey } from './infra/config/app-config';

async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  requireSecretKey(config);
  const app = await createHttpApp(config);
  await app.listen(config.port, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
