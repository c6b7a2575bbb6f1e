import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Device-supplied text must never be rendered as HTML.
      'vue/no-v-html': 'error',
    },
  },
  {
    // Code for a page under test goes as a function, never as a string: the window's CSP has no
    // 'unsafe-eval', so Chromium refuses string code (the renderer benchmark broke on it).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(evaluate|evaluateHandle|waitForFunction|\\$eval|\\$\\$eval)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]',
          message:
            "Pass a function, not a string: the page's Content Security Policy refuses string code (no 'unsafe-eval').",
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
