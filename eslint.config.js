// Type-aware lint: the rules DEVELOPERS.md asks for, on every TypeScript file (and the plain rules on the reader's browser script).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // src/site/assets holds files served to browsers as they are (CSS, an icon, one small script), not TypeScript.
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'test-results/**', '.scratch/**', 'bin/**', 'scripts/**', 'eslint.config.js', 'src/site/assets/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The reader site's one small browser script is served as written (no build step), outside the TypeScript project.
  { files: ['src/site/assets/*.js'], ...tseslint.configs.disableTypeChecked },
);
