import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadAppConfig } from '../infra/config/app-config';

/** Runs `work` with the service's modules on the configured database (from the environment), closed afterwards. */
export async function withServiceContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
