import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig, requireSecretKey } from './infra/config/app-config';
import { AppLogger } from './infra/logging/app-logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  requireSecretKey(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  app.get(AppLogger).log({ queuePrefix: config.queuePrefix }, 'worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
