import type { Server } from 'node:http';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig } from './infra/config/app-config';
import { validationExceptionFactory } from './infra/errors/validation-exception.factory';
import { securityHeaders, serveConsole } from './infra/http/console-static';
import { accessLog } from './infra/logging/access-log';
import { AppLogger } from './infra/logging/app-logger';
import { intakeOpenApiSchemas } from './shipments/dto/intake-openapi';
import { WebhookFastLane } from './integrations/webhook-fast-lane';

/** The HTTP application exactly as main.ts serves it; the e2e tests and the demo build it the same way. */
export async function createHttpApp(config: AppConfig): Promise<NestExpressApplication> {
  // No body parser here: bodies are read after authentication, per route (JsonBodyGuard, the webhook guard).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  keepIdleConnections(app.getHttpServer() as Server);
  return app;
}

/**
 * Idle keep-alive connections are closed after 65 s, not Node's 5 s: a client (a platform's pool, a
 * load balancer with the usual 60 s idle timeout) that reuses a connection at the moment the server
 * closes it gets ECONNRESET. The soak saw four such resets in 178,663 pushes. Headers must still
 * arrive within a bound longer than that.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.use(accessLog(logger.root));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config));
  app.use(app.get(WebhookFastLane).middleware());
  serveConsole(app, config);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rural Dispatch')
      .setDescription('County → township → village logistics: network, fleet, shipments, plans. Errors are RFC 7807 problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'operator API key' })
      .build(),
  );
  // The intake validates with zod, not decorated classes; its schemas come from the zod schemas.
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...intakeOpenApiSchemas() } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
