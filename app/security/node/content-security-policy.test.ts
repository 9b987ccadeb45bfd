import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no inline or evaluated code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|http:|https:|ws:/);
  });
});

describe('devContentSecurityPolicy', () => {
  it("adds only what Vite's dev server needs", () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(dev.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the response carried, whatever its case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-type': ['text/html'], 'content-security-policy': ['script-src *'], 'Content-Security-Policy-Report-Only': 'x' },
      'default-src none',
    );
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': ['default-src none'] });
  });

  it('adds the policy when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});
