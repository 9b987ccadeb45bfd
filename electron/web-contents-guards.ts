/**
 * Rules for every web contents the app creates: it never navigates away from its page, never opens a
 * window, never attaches a `<webview>`; an allowed https link goes to the user's browser instead
 * (Electron security checklist §13–§15).
 */
import type { WebContents } from 'electron';
import { openExternalSafely, type ExternalOpener } from './open-external';

/** A cancellable Electron event. */
export interface PreventableEvent {
  /** Cancels the default action. */
  preventDefault(): void;
}

/** Where guard decisions are reported. */
export type GuardLogger = (line: string) => void;

/**
 * The `will-navigate` rule: cancel every navigation except a reload of the current URL; an allowed
 * https link is opened in the user's browser instead.
 */
export function handleWillNavigate(
  event: PreventableEvent,
  targetUrl: string,
  currentUrl: string,
  shell: ExternalOpener,
  log: GuardLogger = () => undefined,
): void {
  if (targetUrl === currentUrl) return;
  event.preventDefault();
  openOrRefuse(shell, targetUrl, 'navigation', log);
}

/** The `setWindowOpenHandler` rule: no new window, ever; an allowed https link goes to the browser. */
export function handleWindowOpen(
  details: { readonly url: string },
  shell: ExternalOpener,
  log: GuardLogger = () => undefined,
): { action: 'deny' } {
  openOrRefuse(shell, details.url, 'window.open', log);
  return { action: 'deny' };
}

/** Applies the rules to a web contents; call it from `app.on('web-contents-created')`. */
export function guardWebContents(contents: WebContents, shell: ExternalOpener, log: GuardLogger = () => undefined): void {
  contents.on('will-navigate', (event) => handleWillNavigate(event, event.url, contents.getURL(), shell, log));
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, shell, log));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[guard] refused to attach a <webview>');
  });
}

function openOrRefuse(shell: ExternalOpener, url: string, what: string, log: GuardLogger): void {
  openExternalSafely(shell, url).then(
    (opened) => {
      if (!opened) log(`[guard] refused ${what} to ${url.slice(0, 120)}`);
    },
    (error: unknown) => log(`[guard] could not open ${url.slice(0, 120)}: ${error instanceof Error ? error.message : String(error)}`),
  );
}
