/** A labelled form field with optional help and error text, wired for screen readers. */
import { useId, type ReactElement, cloneElement } from 'react';

/** Props of Field. */
export interface FieldProps {
  /** The visible label. */
  readonly label: string;
  /** Help under the input. */
  readonly help?: string | undefined;
  /** Error text; marks the input invalid. */
  readonly error?: string | undefined;
  /** The input element (its id and aria attributes are set here). */
  readonly children: ReactElement<Record<string, unknown>>;
}

/** Renders label, input, help and error. */
export function Field({ label, help, error, children }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && !error ? (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
