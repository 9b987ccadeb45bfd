// Lint rules, including the import boundaries between the rooms of the code (STYLE.md rule 4):
// app/<room>/common/ is pure (no Node, no DOM) and imports only other common/ folders; app/<room>/node/
// is Node-only; app/ never imports electron, the renderer or test support; renderer/ imports only
// app/*/common; test doubles (app/test-support, electron/test-support, e2e/fakes) reach tests only.
// Import circles (type-only ones too) are caught by dpdm in `npm run lint` (package.json lint:cycles).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
// Handlebars compiles with new Function, which the renderer's CSP forbids: it runs in main only.
const nodeOnlyPackages = ['nodemailer', 'nodemailer/*', 'smtp-server', 'mailparser', 'conf', 'electron-store', 'ws', 'selfsigned', 'handlebars', 'html-to-text', 'iconv-lite', 'better-sqlite3'];

const restrict = (message, names, patterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.artifacts/**', '.mailroom-web/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE.md rule 11).' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: restrict('app/ runs without Electron and without the DOM: put Electron code in electron/, UI code in renderer/.', ['electron', 'react', 'react-dom'], [
      '**/electron/**',
      '**/renderer/**',
      '**/e2e/**',
      '**/test-support/**',
    ]),
  },
  {
    // Tests and their support may use the fake providers in e2e/fakes and app/test-support.
    files: ['app/**/*.test.ts', 'app/test-support/**/*.ts'],
    rules: restrict('app/ tests may use the e2e fakes and app/test-support, but never Electron or the renderer.', ['electron'], ['**/electron/**', '**/renderer/**']),
  },
  {
    files: ['app/*/common/**/*.ts'],
    ignores: ['app/*/common/**/*.test.ts'],
    rules: restrict(
      'app/<room>/common is shared with the renderer: no Node built-ins, no Node-only packages, nothing from a node/ folder.',
      ['electron', 'react', 'react-dom', ...nodeBuiltins, ...nodeOnlyPackages],
      ['**/node/**', '**/test-support/**', '**/host-web/**', '**/electron/**', '**/renderer/**', '**/e2e/**'],
    ),
  },
  {
    // The product never loads test doubles: only tests do.
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts', 'electron/test-support/**'],
    rules: restrict('electron/ product code never imports test doubles or the browser host.', [], ['**/test-support/**', '**/e2e/**', '**/app/host-web/**']),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        'The renderer is sandboxed: talk to the main process through the client (renderer/bridge); from app/ only common/ folders.',
        ['electron', ...nodeBuiltins, ...nodeOnlyPackages],
        ['**/app/*/node/**', '**/app/test-support/**', '**/app/host-web/**', '**/electron/**', '**/e2e/**'],
      ),
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Config files are loaded by their tools through a default export.
    files: ['*.config.{js,ts,mts}', 'electron.vite.config.ts', 'playwright.config.ts', 'vitest.config.mts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
