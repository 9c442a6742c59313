import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { notFound, validationFailed } from '../../../infra/errors/domain-error';
import { QueueName } from '../../../infra/queue/queue-names';
import { OsmImportProgress, OsmImportService } from '../osm-import.service';
import { OsmImportFile, OsmImportFileRole, OsmImportJob, OsmImportJobOptions } from './osm-import-job.entity';

export interface OsmImportJobData {
  importId: string;
  countyId: string;
  version: 1;
}

export interface UploadedImportFile {
  role: OsmImportFileRole;
  fileName: string;
  content: Buffer;
}

/** Progress is written to the row at most this often: a large import reports thousands of steps. */
const PROGRESS_WRITE_INTERVAL_MS = 1_000;
const JOB_ATTEMPTS = 2;

/**
 * Imports started from the API: the upload is stored with its job row in one transaction, then queued
 * on `imports` (job id `osm-import-<id>`); the worker runs `run` with the same OsmImportService the CLI
 * uses, recording progress and the report on the row.
 */
@Injectable()
export class OsmImportJobsService {
  private readonly logger = new Logger(OsmImportJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OsmImportJob) private readonly jobs: Repository<OsmImportJob>,
    @InjectQueue(QueueName.imports) private readonly queue: Queue<OsmImportJobData>,
    private readonly importer: OsmImportService,
  ) {}

  async start(countyId: string, files: UploadedImportFile[], options: OsmImportJobOptions): Promise<OsmImportJob> {
    if (files.filter((file) => file.role === 'pbf').length !== 1)
      throw validationFailed('send one OSM extract as the file field "pbf"', [{ field: 'pbf', message: 'one .osm.pbf file is required' }]);
    if (files.filter((file) => file.role === 'boundary').length > 1) throw validationFailed('send at most one boundary', [{ field: 'boundary', message: 'at most one file' }]);
    const job = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(OsmImportJob, { countyId, status: 'queued', options }));
      await manager.insert(
        OsmImportFile,
        files.map((file) => ({ jobId: saved.id, role: file.role, fileName: path.basename(file.fileName), content: file.content })),
      );
      return saved;
    });
    try {
      await this.queue.add(
        'import-osm',
        { importId: job.id, countyId, version: 1 },
        {
          jobId: `osm-import-${job.id}`,
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
    } catch (error) {
      // Redis unreachable: the row must not wait for a job that was never queued.
      await this.recordFailure(job.id, new Error(`not queued: ${(error as Error).message}`));
      throw error;
    }
    return job;
  }

  async get(countyId: string, importId: string): Promise<OsmImportJob> {
    const job = /^[0-9a-f-]{36}$/i.test(importId) ? await this.jobs.findOne({ where: { countyId, id: importId } }) : null;
    if (!job) throw notFound('OSM import', importId);
    return job;
  }

  /** The worker's side. Returns early when the job already ended (a duplicate or stale delivery). */
  async run(importId: string, onProgress: (progress: OsmImportProgress) => void): Promise<void> {
    const job = await this.jobs.findOne({ where: { id: importId } });
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    await this.jobs.update(job.id, { status: 'running', error: null });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-import-'));
    try {
      const files: OsmImportFile[] = await this.dataSource.getRepository(OsmImportFile).find({ where: { jobId: job.id } });
      const place = (file: OsmImportFile) => {
        const target = path.join(folder, file.id, file.fileName);
        fs.mkdirSync(path.dirname(target));
        fs.writeFileSync(target, file.content);
        return target;
      };
      const byRole = (role: OsmImportFileRole) => files.filter((file) => file.role === role).map(place);
      let lastWriteMs = 0;
      // Progress rows are written one after the other, and all before the final state.
      let progressWrites = Promise.resolve();
      const report = await this.importer.importExtract(
        job.countyId,
        {
          pbfPath: byRole('pbf')[0]!,
          demPaths: byRole('dem'),
          boundaryPath: byRole('boundary')[0],
          boundaryCoordinateSystem: job.options.boundaryCoordinateSystem,
          allowMissingElevation: job.options.allowMissingElevation,
          snapThresholdM: job.options.snapThresholdM ?? undefined,
        },
        (progress) => {
          onProgress(progress);
          const now = Date.now();
          if (now - lastWriteMs < PROGRESS_WRITE_INTERVAL_MS) return;
          lastWriteMs = now;
          const snapshot = { ...progress };
          progressWrites = progressWrites
            .then(() => this.jobs.update(job.id, { progress: snapshot }))
            .then(
              () => undefined,
              (error: unknown) => this.logger.warn({ importId, error }, 'progress not recorded'),
            );
        },
      );
      await progressWrites;
      await this.finish(job.id, {
        status: 'completed',
        report: report as unknown as QueryDeepPartialEntity<Record<string, unknown>>,
        progress: { step: 'done', fraction: 1, detail: 'imported' },
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }

  /** Marks the job failed for good (bad input, or the last attempt). */
  recordFailure(importId: string, error: unknown): Promise<void> {
    return this.finish(importId, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
  }

  /** The job's end: its row updated and its files dropped, together. */
  private finish(importId: string, changes: QueryDeepPartialEntity<OsmImportJob>): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.update(OsmImportJob, importId, changes);
      await manager.delete(OsmImportFile, { jobId: importId });
    });
  }
}
