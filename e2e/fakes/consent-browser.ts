/**
 * A minimal "browser" for tests of the OAuth flow: opens the authorization URL on the fake Google
 * page, presses a button there (follows its link), and follows the redirect to the app's loopback
 * listener, as a real browser would. Used by the vitest suites of the core (the e2e specs drive a real browser instead).
 */

/** What the browser saw at the end. */
export interface BrowserVisit {
  /** Status of the loopback listener's page. */
  readonly status: number;
  /** Its HTML. */
  readonly page: string;
  /** Where the consent page sent the browser. */
  readonly redirectedTo: string;
}

/** Opens `url`, presses `button` ("Allow" or "Cancel"), follows the redirect; `rewrite` may alter the redirect (wrong state). */
export async function pressOnConsentPage(url: string, button: 'Allow' | 'Cancel', rewrite: (target: URL) => URL = (t) => t): Promise<BrowserVisit> {
  const consent = await fetch(url);
  const html = await consent.text();
  if (!consent.ok) throw new Error(`The consent page refused the request: ${html}`);
  const href = new RegExp(`<a role="button" href="([^"]+)">${button}</a>`).exec(html)?.[1];
  if (!href) throw new Error(`No ${button} button on the consent page`);
  const answer = await fetch(href.replace(/&amp;/g, '&'), { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (!location) throw new Error('The consent page did not redirect');
  const target = rewrite(new URL(location));
  const landed = await fetch(target);
  return { status: landed.status, page: await landed.text(), redirectedTo: target.href };
}
