/** "Reading 4.2 MB…": an indeterminate progress bar with what is being done, announced politely. */

/** Props of BusyIndicator. */
export interface BusyIndicatorProps {
  /** What is being done, e.g. "Reading 4.2 MB…". */
  readonly text: string;
  /** A second, quieter line. */
  readonly note?: string;
  /** Which phase, for tests (`data-busy`). */
  readonly phase: string;
}

/**
 * Renders the indicator. The bar is indeterminate: the host reads and validates the file in one
 * request and reports no progress while it does.
 */
export function BusyIndicator({ text, note, phase }: BusyIndicatorProps) {
  return (
    <div className="lists-busy" role="status" aria-live="polite" data-busy={phase}>
      <progress className="lists-busy__bar" aria-label={text} />
      <div>
        <p className="lists-busy__text">{text}</p>
        {note ? <p className="muted lists-busy__note">{note}</p> : null}
      </div>
    </div>
  );
}
