// Lint rules, including the import boundaries between the rooms of the code (STYLE.md rule 4):
// app/ never imports electron or the renderer; app/core imports nothing Node-only; renderer/ imports
// neither Node, Electron nor app/services.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
// Handlebars compiles with new Function, which the renderer's CSP forbids: it runs in main only.
const nodeOnlyPackages = ['nodemailer', 'nodemailer/*', 'smtp-server', 'mailparser', 'conf', 'electron-store', 'ws', 'selfsigned', 'handlebars', 'html-to-text', 'iconv-lite'];

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
    ]),
  },
  {
    files: ['app/**/*.test.ts'],
    rules: restrict('app/ tests may use the e2e fakes, but never Electron or the renderer.', ['electron'], ['**/electron/**', '**/renderer/**']),
  },
  {
    files: ['app/core/**/*.ts'],
    ignores: ['app/core/**/*.test.ts'],
    rules: restrict(
      'app/core is shared with the renderer: no Node built-ins, no Node-only packages, no services.',
      ['electron', 'react', 'react-dom', ...nodeBuiltins, ...nodeOnlyPackages],
      ['**/services/**', '**/electron/**', '**/renderer/**'],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        'The renderer is sandboxed: talk to the main process through the client (renderer/bridge), never Node or Electron.',
        ['electron', ...nodeBuiltins, ...nodeOnlyPackages],
        ['**/app/services/**', '**/electron/**', '**/e2e/**'],
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
