/**
 * The app's own confirmation dialog, instead of `window.confirm`: an `alertdialog` labelled by its
 * question and described by its details, modal (the page behind it is inert), focus kept inside with
 * Tab and Shift+Tab, Escape and the backdrop cancel, and focus returned to what had it before.
 * `ConfirmProvider` (at the root) renders it; `useConfirm()` asks and resolves true or false.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a confirmation asks. */
export interface ConfirmOptions {
  /** The question (the dialog's name). */
  readonly title: string;
  /** What happens, in a sentence or two (the dialog's description). */
  readonly body?: string | undefined;
  /** The confirming button's words: a verb for what it does ("Delete campaign"). */
  readonly confirmLabel: string;
  /** The cancelling button's words (default: Cancel). */
  readonly cancelLabel?: string | undefined;
  /** Whether confirming destroys something (the button reads as dangerous; Cancel gets the first focus). */
  readonly danger?: boolean | undefined;
}

/** Props of the dialog itself. */
export interface ConfirmDialogProps extends ConfirmOptions {
  /** Called with the answer. */
  readonly onClose: (confirmed: boolean) => void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The dialog: rendered while a question is open. */
export function ConfirmDialog({ title, body, confirmLabel, cancelLabel, danger, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // A destructive answer is never the one Enter gives by accident.
    (danger ? cancelButton : confirmButton).current?.focus();
  }, [danger]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(false);
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !panel.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !panel.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="confirm-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose(false)}>
      <div ref={panel} className="confirm-dialog card" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={body ? bodyId : undefined} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="confirm-dialog__title">
          {title}
        </h2>
        {body ? (
          <p id={bodyId} className="confirm-dialog__body">
            {body}
          </p>
        ) : null}
        <div className="confirm-dialog__actions">
          <button ref={cancelButton} type="button" className="button" onClick={() => onClose(false)}>
            {cancelLabel ?? t('common.cancel')}
          </button>
          <button ref={confirmButton} type="button" className={danger ? 'button button--danger-solid' : 'button button--primary'} onClick={() => onClose(true)} data-confirm>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Asks a question in the app's dialog; resolves true when confirmed. */
export type Confirm = (options: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

/** Renders `children` and, while a question is open, the dialog over an inert page. */
export function ConfirmProvider({ children }: { readonly children: ReactNode }) {
  const [open, setOpen] = useState<(ConfirmOptions & { readonly resolve: (confirmed: boolean) => void; readonly returnTo: Element | null }) | null>(null);
  const confirm = useCallback<Confirm>(
    (options) =>
      new Promise<boolean>((resolve) => {
        setOpen((current) => {
          // A second question while one is open: the first one is answered "no".
          current?.resolve(false);
          return { ...options, resolve, returnTo: document.activeElement };
        });
      }),
    [],
  );
  const close = useCallback(
    (confirmed: boolean) => {
      if (!open) return;
      setOpen(null);
      open.resolve(confirmed);
      const target = open.returnTo;
      // Back to what had focus; when it went with the answer (a deleted row), the view's heading takes it.
      queueMicrotask(() => {
        if (target instanceof HTMLElement && target.isConnected) target.focus();
      });
    },
    [open],
  );
  const value = useMemo(() => confirm, [confirm]);
  return (
    <ConfirmContext.Provider value={value}>
      <div className="confirm-scope" inert={open !== null}>
        {children}
      </div>
      {open ? <ConfirmDialog title={open.title} body={open.body} confirmLabel={open.confirmLabel} cancelLabel={open.cancelLabel} danger={open.danger} onClose={close} /> : null}
    </ConfirmContext.Provider>
  );
}

/** The app's confirmation question (needs `ConfirmProvider` above). */
export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm needs a ConfirmProvider above it.');
  return confirm;
}
