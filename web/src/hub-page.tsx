import { useRef, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { FieldError } from './field-error';
import type { Translate } from './i18n';

type ScanOutcome = 'scanned' | 'already_scanned' | 'unknown_barcode' | 'not_expected_at_hub';
interface ScanResult {
  barcode: string;
  outcome: ScanOutcome;
  shipmentId: string | null;
}

/** Outcomes that mean the parcel was not expected here: the operator sets it aside. */
const UNEXPECTED: ScanOutcome[] = ['unknown_barcode', 'not_expected_at_hub'];

/**
 * Hub scan-in: a barcode gun types the code and Enter into the field; each scan is sent at once
 * (POST …/scans, idempotent), counted, and parcels that were not expected are listed apart.
 */
export function HubPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const [barcode, setBarcode] = useState('');
  const [results, setResults] = useState<ScanResult[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const canWrite = session.user.role !== 'viewer';

  const scan = async (event: Event) => {
    event.preventDefault();
    const code = barcode.trim();
    if (code === '') return;
    setBarcode('');
    try {
      const answer = await api<{ results: ScanResult[] }>('POST', `/v1/counties/${session.county.id}/scans`, { barcodes: [code] });
      setResults((previous) => [...answer.results, ...previous]);
      setProblem(null);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
    input.current?.focus();
  };

  const count = (outcome: ScanOutcome) => results.filter((result) => result.outcome === outcome).length;
  const unexpected = results.filter((result) => UNEXPECTED.includes(result.outcome));
  return (
    <div class="hub-page">
      <form onSubmit={(event) => void scan(event)}>
        <label>
          {t('scanBarcode')}
          <input ref={input} name="barcode" autoFocus autoComplete="off" disabled={!canWrite} value={barcode} onInput={(event) => setBarcode(event.currentTarget.value)} />
          <FieldError problem={problem} field="barcodes" />
        </label>
      </form>
      {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
      <p class="scan-counts" data-testid="scan-counts">
        {t('scanned')} <b data-outcome="scanned">{count('scanned')}</b> · {t('alreadyScanned')} <b data-outcome="already_scanned">{count('already_scanned')}</b> ·{' '}
        {t('notExpected')} <b data-outcome="unexpected">{unexpected.length}</b>
      </p>
      <h3>{t('notExpected')}</h3>
      <ul data-testid="unexpected">
        {unexpected.map((result) => (
          <li>
            {result.barcode} · <code>{result.outcome}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
