// The linter (`npm run lint`): typescript-eslint's type-checked rules, React's and the hooks' rules,
// and no function over 80 lines. Each rule turned off or eased says why beside it.
import path from 'node:path';
import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '..');

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'reports/']},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	react.configs.flat.recommended,
	react.configs.flat['jsx-runtime'],
	{
		languageOptions: {parserOptions: {project: ['tsconfig.json', 'test/tsconfig.json'], tsconfigRootDir: root}},
		settings: {react: {version: 'detect'}},
		// The hooks' two classic rules; the React Compiler's rules are left out: the app is not compiled with it.
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			'max-lines-per-function': ['error', {max: 80, skipBlankLines: true, skipComments: true}],
			// Terminal input (mouse reports, escape sequences) is matched with control characters on purpose.
			'no-control-regex': 'off',
			// `catch {}` says "absent is fine" (no config file yet, an unreadable folder skipped).
			'no-empty': ['error', {allowEmptyCatch: true}],
			// An async function that returns at once stands in for an interface's promise (fakes, the eager trainer).
			'@typescript-eslint/require-await': 'off',
			// `const {type: _type, ...rest} = event` drops a field by destructuring.
			'@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true}],
			// node:test's test() and describe() return promises that the runner itself awaits.
			'@typescript-eslint/no-floating-promises': ['error', {allowForKnownSafeCalls: [{from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'before', 'after']}]}],
		},
	},
	{
		files: ['test/**'],
		rules: {
			// A describe() block holds many short tests; the limit is for the functions in source/.
			'max-lines-per-function': 'off',
		},
	},
	{
		// The web page (`digits serve`'s /) is browser code with its own tsconfig (DOM types, no
		// Node); TypeScript itself checks which globals exist there.
		files: ['source/web/**'],
		languageOptions: {parserOptions: {project: ['source/web/tsconfig.json'], tsconfigRootDir: root}},
	},
	{
		// Build scripts and configuration are plain JavaScript outside the TypeScript projects.
		files: ['**/*.mjs', '**/*.cjs', '.ci/*.js'],
		extends: [tseslint.configs.disableTypeChecked],
		languageOptions: {globals: Object.fromEntries(['console', 'process', 'Buffer', 'setTimeout', 'clearTimeout', 'module'].map(name => [name, 'readonly']))},
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
);
