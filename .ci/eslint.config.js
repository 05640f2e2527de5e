// The linter's rules for source/, test/ and bench/ (`npm run lint`).
import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'reports/']},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	react.configs.flat.recommended,
	react.configs.flat['jsx-runtime'],
	reactHooks.configs.flat.recommended,
	{
		files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js', '**/*.cjs'],
		languageOptions: {parserOptions: {projectService: true}},
		settings: {react: {version: 'detect'}},
		rules: {
			'max-lines-per-function': ['error', {max: 80, skipBlankLines: true, skipComments: true}],
		},
	},
);
