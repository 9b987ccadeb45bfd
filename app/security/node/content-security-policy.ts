/**
 * The renderer's Content-Security-Policy: only the app's own files, no inline script or style, no
 * plugins, no frames, no forms, no network but the app's own origin (the renderer talks to main over
 * IPC, never over the network).
 */

/** The production policy, sent as a response header on every page the app loads. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy for `electron-vite dev` only. The Vite dev server needs three things the production
 * policy forbids: the React Fast Refresh preamble is an inline `<script>` (@vitejs/plugin-react), CSS
 * is injected as `<style>` elements by Vite's client, and hot reload uses a WebSocket to the dev
 * server. The built app never loads this policy (see `resolveRendererLocation`).
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const server = new URL(devServerUrl);
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${socket}`);
}

/** Response headers with any policy the response carried replaced by `policy`. */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string | string[]>> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    // Drop both the enforcing and the report-only forms, whatever their case, so ours is the only one.
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    result[name] = Array.isArray(value) ? [...value] : [value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
