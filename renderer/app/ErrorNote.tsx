// An error shown in place (never an alert): the engine's message, which is written for a person,
// and for a query syntax error the spot it points at.
import type { ErrorPayload } from '../../shared/contract.ts';

const TITLES: Partial<Record<ErrorPayload['code'], string>> = {
  query_syntax: 'The search could not be read',
  timed_out: 'That took too long',
  not_found: 'Not found',
  io_error: 'Could not reach the data',
  case_locked: 'The case is in use',
  read_only: 'The case cannot be written',
  disk_full: 'The disk is full',
  cancelled: 'Cancelled',
  internal: 'Something went wrong',
};

export function ErrorNote({ error, onRetry }: { error: ErrorPayload; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert" data-error-code={error.code}>
      <strong>{TITLES[error.code] ?? 'Error'}</strong>
      <span>{error.message}</span>
      {onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
}
