import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { loggableError } from '../../infra/logging/loggable-error';

/** The PostgreSQL channel a committed batch of driver events is announced on. */
export const RUN_UPDATES_CHANNEL = 'driver_events';

/** What a committed batch announces: the county and the routes its events were about. */
export interface RunUpdate {
  countyId: string;
  routeIds: string[];
}

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_MS = 2000;

/**
 * Driver events reach every API process through PostgreSQL LISTEN/NOTIFY: the batch's transaction
 * NOTIFYs (delivered on commit, never for a rolled-back batch), and each process listens on one
 * connection of its own and hands the updates to its open event streams (the console's runs page).
 */
@Injectable()
export class RunUpdatesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RunUpdatesService.name);
  private readonly updates = new Subject<RunUpdate>();
  private client: Client | null = null;
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.updates.complete();
    await this.client?.end().catch(() => undefined);
  }

  /** The updates of one county, as they are committed. */
  forCounty(countyId: string): Observable<RunUpdate> {
    return new Observable<RunUpdate>((subscriber) => {
      const subscription = this.updates.subscribe((update) => {
        if (update.countyId === countyId) subscriber.next(update);
      });
      return () => subscription.unsubscribe();
    });
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'rural-dispatch run updates' });
    client.on('notification', (message) => {
      if (message.channel !== RUN_UPDATES_CHANNEL || !message.payload) return;
      try {
        this.updates.next(JSON.parse(message.payload) as RunUpdate);
      } catch (error) {
        this.logger.warn({ error: loggableError(error) }, 'unreadable run update');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ error: loggableError(error) }, 'run updates connection lost; listening again');
      this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RUN_UPDATES_CHANNEL}`);
      this.client = client;
    } catch (error) {
      // The API still starts: pages fall back to reading progress when they load.
      this.logger.warn({ error: loggableError(error) }, 'cannot listen for run updates; retrying');
      await client.end().catch(() => undefined);
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.closing) return;
    this.client = null;
    setTimeout(() => void this.listen(), RECONNECT_MS).unref();
  }
}
