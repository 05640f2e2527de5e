// Bundles the TUI (Ink, React and the app) into one file after tsc: loading one file instead
// of a few hundred modules is what gets the first frame on screen within a second.
// Without esbuild (a dependency of tsx, so a development install has it) it does nothing,
// and the app loads module by module as before.
// It also builds `digits serve`'s web page (source/web/ → dist/web/): browser code that tsc
// does not compile, bundled into one script and one stylesheet the page loads from its own
// server (the Content-Security-Policy allows nothing else).
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
	esbuild = await import('esbuild');
} catch {
	console.log('bundle-app: esbuild is not installed; the app will load module by module.');
	process.exit(0);
}
const appDir = path.join(root, 'dist', 'app');
const modelDir = path.join(root, 'dist', 'model');
const stub = path.join(appDir, 'devtools-stub.js');
fs.writeFileSync(stub, 'export default {};\n');
/**
 * The model modules stay where they are (they find the package's folders from their own
 * place): an import of one, from any folder, becomes an import relative to the bundle.
 */
const modelStaysOutside = {
	name: 'model-stays-outside',
	setup(build) {
		build.onResolve({filter: /^\.\.?\/.*\bmodel\//}, ({path: request, resolveDir}) => {
			const target = path.resolve(resolveDir, request);
			if (!target.startsWith(modelDir + path.sep)) return undefined;
			const relative = path.relative(appDir, target).split(path.sep).join('/');
			return {path: relative.startsWith('.') ? relative : `./${relative}`, external: true};
		});
	},
};

await esbuild.build({
	entryPoints: [path.join(appDir, 'run.js')],
	outfile: path.join(appDir, 'run.bundle.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// TensorFlow never loads in this process (the model service forks its own child).
	// jimp's fonts are paths computed from the module's own place: bundled, they would point
	// into dist/, where no fonts are; left outside, they point into jimp's package.
	external: ['@tensorflow/*', 'jimp/fonts'],
	plugins: [modelStaysOutside],
	// Ink's React DevTools hook is only for development (DEV=true).
	alias: {'react-devtools-core': stub},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as digitsCreateRequire} from 'node:module'; const require = digitsCreateRequire(import.meta.url);"},
	logLevel: 'warning',
});

const webSource = path.join(root, 'source', 'web');
const webOut = path.join(root, 'dist', 'web');
fs.rmSync(webOut, {recursive: true, force: true});
await esbuild.build({
	entryPoints: [{in: path.join(webSource, 'main.ts'), out: 'app'}, {in: path.join(webSource, 'app.css'), out: 'app'}],
	outdir: webOut,
	bundle: true,
	platform: 'browser',
	format: 'esm',
	target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
	minify: true,
	logLevel: 'warning',
});
for (const file of ['index.html', 'favicon.svg']) fs.copyFileSync(path.join(webSource, file), path.join(webOut, file));
