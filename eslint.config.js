// ESLint 9 flat config for the web UI (web/, browser ES modules) and the
// browser tests (tests/browser/, Node ES modules). Run by `make lint`, with
// Prettier for the layout (.prettierrc.json). Pinned in package-lock.json.
import js from '@eslint/js';
import globals from 'globals';

// The UI's safety rules (docs/internals/browser-tests.md): text only through
// textContent, and every request through core.api().
const uiRules = {
  'no-restricted-properties': [
    'error',
    { property: 'innerHTML', message: 'Use textContent / el(): server data must not become markup.' },
    { property: 'outerHTML', message: 'Use textContent / el(): server data must not become markup.' },
    { property: 'insertAdjacentHTML', message: 'Use el() and append().' },
    { object: 'document', property: 'write', message: 'Use el() and append().' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'Requests go through api() of web/js/core.js.' },
    { name: 'XMLHttpRequest', message: 'Requests go through api() of web/js/core.js.' },
  ],
};

export default [
  { ignores: ['web/vendor/**', 'node_modules/**', 'build/**'] },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'no-shadow': 'error',
      'no-implicit-coercion': ['error', { allow: ['!!'] }],
      'no-throw-literal': 'error',
      'no-return-assign': 'error',
      'no-param-reassign': 'off',
    },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
    rules: uiRules,
  },
  {
    // the one place that talks to the server
    files: ['web/js/core.js'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    // Node test files; page.evaluate() callbacks run in the browser
    files: ['tests/browser/**/*.mjs', '*.config.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
  },
];
