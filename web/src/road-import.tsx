import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, apiUpload } from './api';
import { FieldError } from './field-error';
import type { MessageKey, Translate } from './i18n';

/** GET/POST …/network/osm-imports answers (src/network/osm/jobs/osm-imports.controller.ts). */
interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: { step: string; fraction: number; detail: string } | null;
  report: { edges: number; totalKm: number; roads: { created: number; updated: number; unchanged: number; removed: number }; networkVersion: number } | null;
  error: string | null;
}

/** How often the page reads the job again: the worker records its progress at most once a second. */
const POLL_MS = 1_000;
/** The import this browser started last, per county: the page picks it up again when reopened. */
const lastImportKey = (countyId: string) => `rd-console-osm-import-${countyId}`;

/**
 * A road network imported from an OpenStreetMap extract (and elevation tiles, and a boundary): the
 * files go to the API, which queues the import on the `imports` queue; the page then shows what the
 * worker records on the job — its step, the share of the step done and its detail — until it ends.
 */
export function RoadImport({ t, countyId, canWrite }: { t: Translate; countyId: string; canWrite: boolean }) {
  const base = `/v1/counties/${countyId}/network/osm-imports`;
  const [job, setJob] = useState<ImportJob | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const last = localStorage.getItem(lastImportKey(countyId));
    if (last) api<ImportJob>('GET', `${base}/${last}`).then(setJob, () => localStorage.removeItem(lastImportKey(countyId)));
  }, [base]);

  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => void api<ImportJob>('GET', `${base}/${job.id}`).then(setJob, () => setJob({ ...job })), POLL_MS);
    return () => clearTimeout(timer);
  }, [job, running]);

  const start = async (form: HTMLFormElement) => {
    setBusy(true);
    try {
      // A file field left empty is still sent, as a nameless empty file: leave it out.
      const body = new FormData();
      for (const [name, value] of new FormData(form)) if (!(value instanceof File) || value.name !== '') body.append(name, value);
      const started = await apiUpload<ImportJob>(base, body);
      localStorage.setItem(lastImportKey(countyId), started.id);
      setJob(started);
      setProblem(null);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="road-import" data-testid="road-import">
      <h3>{t('roadImport')}</h3>
      {canWrite && (
        <form
          data-testid="road-import-form"
          onSubmit={(event) => {
            event.preventDefault();
            void start(event.currentTarget);
          }}
        >
          <label>
            {t('osmExtract')} (.osm.pbf)
            <input type="file" name="pbf" accept=".pbf" />
            <FieldError problem={problem} field="pbf" />
          </label>
          <label>
            {t('elevationTiles')} (.hgt, .hgt.zip, .tif)
            <input type="file" name="dem" multiple />
          </label>
          <label>
            {t('countyBoundary')} (GeoJSON)
            <input type="file" name="boundary" accept=".geojson,.json" />
            <FieldError problem={problem} field="boundary" />
          </label>
          <label class="inline">
            <input type="checkbox" name="allowMissingElevation" value="true" />
            {t('allowMissingElevation')}
          </label>
          {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
          <button type="submit" disabled={busy || running}>
            {t('startImport')}
          </button>
        </form>
      )}
      {job && <ImportProgress t={t} job={job} />}
    </div>
  );
}

function ImportProgress({ t, job }: { t: Translate; job: ImportJob }) {
  const percent = Math.round((job.progress?.fraction ?? 0) * 100);
  return (
    <div class="job-progress" data-testid="import-progress" data-status={job.status} data-step={job.progress?.step ?? ''}>
      <p>
        {t(`importStatus_${job.status}` as MessageKey)}
        {job.progress && (
          <>
            {' · '}
            {t(`importStep_${job.progress.step}` as MessageKey) ?? job.progress.step} <progress max={100} value={percent} /> {percent}% · {job.progress.detail}
          </>
        )}
      </p>
      {job.report && (
        <p data-testid="import-report">
          {t('importedRoads')}: {job.report.edges} · {job.report.totalKm.toFixed(1)} km · {t('roadsCreated')} {job.report.roads.created} · {t('roadsUpdated')}{' '}
          {job.report.roads.updated} · {t('roadsRemoved')} {job.report.roads.removed} · {t('networkVersion')} {job.report.networkVersion}
        </p>
      )}
      {job.error && <p class="problem">{job.error}</p>}
    </div>
  );
}
