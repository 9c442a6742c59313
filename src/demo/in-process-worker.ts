import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../infra/config/app-config';
import { WorkerModule } from '../worker.module';

/**
 * The whole worker (every processor) as an application context in this process: the demo's
 * entry wires it for the duration of one plan, so that `npm run demo` needs no second process.
 */
export async function startInProcessWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, logger: ['error', 'warn'] });
  await worker.init();
  return worker;
}
