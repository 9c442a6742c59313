import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Inject, Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { raw } from 'express';
import { DataSource } from 'typeorm';
import { CountiesModule } from '../counties/counties.module';
import { FleetModule } from '../fleet/fleet.module';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { PlanningModule } from '../planning/planning.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { AccessTokensService } from './auth/access-tokens.service';
import { DriverAccessController } from './auth/driver-access.controller';
import { DriverAccount } from './auth/driver-account.entity';
import { DriverAccountsService } from './auth/driver-accounts.service';
import { DriverAuthController } from './auth/driver-auth.controller';
import { DriverAuthGuard } from './auth/driver-auth.guard';
import { DriverDevice } from './auth/driver-device.entity';
import { DriverDevicesService } from './auth/driver-devices.service';
import { DriverProfileController } from './auth/driver-profile.controller';
import { DriverRefreshToken } from './auth/driver-refresh-token.entity';
import { DriverSessionsService } from './auth/driver-sessions.service';
import { DriverSignInCode } from './auth/driver-sign-in-code.entity';
import { DriverTokenKey } from './auth/driver-token-key.entity';
import { HttpCodeSender, LoggingCodeSender, ONE_TIME_CODE_SENDER } from './auth/one-time-code-sender';
import { SignInCodesService } from './auth/sign-in-codes.service';
import { TokenKeysService } from './auth/token-keys.service';
import { CashController } from './cash/cash.controller';
import { CashService } from './cash/cash.service';
import { DerivedStatusService } from './events/derived-status.service';
import { DriverEventShipment } from './events/driver-event-shipment.entity';
import { DriverEvent } from './events/driver-event.entity';
import { DriverEventsController } from './events/driver-events.controller';
import { DriverEventsService } from './events/driver-events.service';
import { StoredEventsService } from './events/stored-events.service';
import { PlanProgressController } from './progress/plan-progress.controller';
import { PlanProgressService } from './progress/plan-progress.service';
import { RunUpdatesController } from './progress/run-updates.controller';
import { RunUpdatesService } from './progress/run-updates.service';
import { CountyProofsController } from './proofs/county-proofs.controller';
import { DriverProof } from './proofs/driver-proof.entity';
import { DriverProofsController } from './proofs/driver-proofs.controller';
import { DriverProofPolicy } from './proofs/proof-policy.entity';
import { ProofPolicyService } from './proofs/proof-policy.service';
import { PostgresProofStorage } from './proofs/postgres-proof-storage';
import { ProofBlob } from './proofs/proof-blob.entity';
import { DiskProofStorage, PROOF_STORAGE, ProofStorage } from './proofs/proof-storage';
import { PROOF_CONTENT_TYPES, ProofsService } from './proofs/proofs.service';
import { RecipientCodesService } from './proofs/recipient-codes.service';
import { DriverRunsController } from './runs/driver-runs.controller';
import { DriverRunsService } from './runs/driver-runs.service';

/** PROOF_STORAGE: PostgreSQL unless the deployment chose a directory (PROOF_STORAGE=disk). */
function proofStorageFor(config: AppConfig, dataSource: DataSource): ProofStorage {
  const chosen = config.driverApp.proofStorage;
  if (chosen.kind === 'disk') return new DiskProofStorage(path.resolve(chosen.directory));
  warnOfProofsLeftOnDisk();
  return new PostgresProofStorage(dataSource);
}

/** Before PostgreSQL was the default, proofs went to data/proofs when nothing was set: say so at boot rather than leave them unread in silence. */
function warnOfProofsLeftOnDisk(): void {
  const formerDefault = path.resolve(FORMER_PROOF_DIRECTORY);
  if (!existsSync(formerDefault) || readdirSync(formerDefault).length === 0) return;
  new Logger('ProofStorage').warn(
    `proofs are kept in PostgreSQL, but ${formerDefault} holds proofs from the disk store: copy them with \`rural-dispatch proofs import-disk --dir ${FORMER_PROOF_DIRECTORY}\` (docs/deploy.md), or set PROOF_STORAGE=disk`,
  );
}

const FORMER_PROOF_DIRECTORY = 'data/proofs';

/**
 * The driver API: sign-in and devices, the day's runs, offline event sync, proofs; and what the county
 * centre sees of it (app access, progress, cash on delivery). Uses planning, shipments, fleet and
 * counties through their exported services; none of them imports this module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DriverAccount,
      DriverDevice,
      DriverRefreshToken,
      DriverSignInCode,
      DriverTokenKey,
      DriverEvent,
      DriverEventShipment,
      DriverProof,
      DriverProofPolicy,
      ProofBlob,
    ]),
    CountiesModule,
    FleetModule,
    PlanningModule,
    ShipmentsModule,
  ],
  controllers: [
    DriverAuthController,
    DriverProfileController,
    DriverRunsController,
    DriverEventsController,
    DriverProofsController,
    DriverAccessController,
    CountyProofsController,
    PlanProgressController,
    RunUpdatesController,
    CashController,
  ],
  providers: [
    TokenKeysService,
    AccessTokensService,
    DriverAuthGuard,
    DriverAccountsService,
    SignInCodesService,
    DriverSessionsService,
    DriverDevicesService,
    DriverRunsService,
    ProofsService,
    ProofPolicyService,
    RecipientCodesService,
    DriverEventsService,
    DerivedStatusService,
    StoredEventsService,
    PlanProgressService,
    RunUpdatesService,
    CashService,
    {
      provide: ONE_TIME_CODE_SENDER,
      useFactory: (config: AppConfig) => (config.driverApp.codeWebhookUrl ? new HttpCodeSender(config.driverApp.codeWebhookUrl) : new LoggingCodeSender()),
      inject: [APP_CONFIG],
    },
    { provide: PROOF_STORAGE, useFactory: proofStorageFor, inject: [APP_CONFIG, getDataSourceToken()] },
  ],
  // DriverAuthGuard runs as a global guard, in the order app.module gives.
  exports: [DriverAccountsService, DriverAuthGuard],
})
export class DriverModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Proof uploads are raw bytes, not JSON: read them up to the proof limit (a larger body is a 413 before any handler). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(raw({ type: Object.keys(PROOF_CONTENT_TYPES), limit: this.config.driverApp.proofMaxBytes }))
      .forRoutes({ path: 'v1/driver/proofs/:sha256', method: RequestMethod.PUT });
  }
}
