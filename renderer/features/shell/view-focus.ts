/**
 * Keeps keyboard and screen-reader focus on the page when the view changes: after a navigation, or
 * when the focused control disappears with the view it belonged to (an "Open" button, a form's Save),
 * focus moves to the new view's heading instead of falling to <body>. Focus the user put somewhere
 * that still exists is never taken away.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';

const HEADINGS = 'h1, h2, h3';

/** The heading to focus among `candidates`: the highest level, first in document order. */
function pickHeading(candidates: readonly HTMLElement[]): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  for (const heading of candidates) if (!best || heading.tagName < best.tagName) best = heading;
  return best;
}

/** Focuses `heading` (made focusable by script only) without scrolling the page sideways. */
function focusHeading(heading: HTMLElement): void {
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: false });
}

/**
 * Whether an element is shown. While a lazily loaded screen is on its way, React keeps the previous
 * screen mounted but hidden (display: none) behind the Suspense fallback: its heading is not a target.
 */
function isShown(element: HTMLElement): boolean {
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;
}

/** The first shown `<h1>` inside `root`. */
function shownMainHeading(root: HTMLElement | null): HTMLElement | undefined {
  return [...(root?.querySelectorAll<HTMLElement>('h1') ?? [])].find(isShown);
}

/** Whether nothing (or <body>) has focus. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * Watches `mainRef`; returns `focusView()`, which moves focus to the main heading now (or as soon as
 * the view has rendered one).
 */
export function useViewFocus(mainRef: RefObject<HTMLElement | null>): () => void {
  /** A heading was asked for (or focus was lost) and the next rendered heading should take focus. */
  const pending = useRef<HTMLElement | 'waiting' | null>(null);

  const focusView = useCallback(() => {
    const heading = shownMainHeading(mainRef.current);
    if (heading) {
      focusHeading(heading);
      pending.current = null;
    } else pending.current = 'waiting';
  }, [mainRef]);

  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    let lastFocused: Element | null = null;
    const onFocusIn = (event: FocusEvent) => {
      lastFocused = event.target as Element;
      if (pending.current !== null && event.target !== pending.current) pending.current = null;
    };
    document.addEventListener('focusin', onFocusIn);
    const observer = new MutationObserver((records) => {
      const added: HTMLElement[] = [];
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement) || !node.isConnected) continue;
          if (node.matches(HEADINGS)) added.push(node);
          added.push(...node.querySelectorAll<HTMLElement>(HEADINGS));
        }
      }
      const lostByRemoval = focusIsLost() && lastFocused !== null && !lastFocused.isConnected;
      const waiting = pending.current !== null && (pending.current === 'waiting' || document.activeElement === pending.current || focusIsLost());
      if (!lostByRemoval && !waiting) return;
      const target = pickHeading(added.filter(isShown));
      if (target) {
        focusHeading(target);
        pending.current = null;
        return;
      }
      if (lostByRemoval) {
        // Nothing new with a heading yet (the view may still be loading): hold the screen's heading until it has one.
        const fallback = shownMainHeading(main);
        if (fallback) {
          focusHeading(fallback);
          pending.current = fallback;
        } else pending.current = 'waiting';
      }
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [mainRef]);

  return focusView;
}
