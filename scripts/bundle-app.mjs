// Bundles the TUI (Ink, React and the app) into one file after tsc: loading one file instead
// of a few hundred modules is what gets the first frame on screen within a second.
// Without esbuild (a dependency of tsx, so a development install has it) it does nothing,
// and the app loads module by module as before.
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
const stub = path.join(root, 'dist', 'app', 'devtools-stub.js');
fs.writeFileSync(stub, 'export default {};\n');
await esbuild.build({
	entryPoints: [path.join(root, 'dist', 'app', 'run.js')],
	outfile: path.join(root, 'dist', 'app', 'run.bundle.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// TensorFlow never loads in this process (the model service forks its own child), and the
	// model modules stay where they are: they find the package's folders from their own place.
	external: ['@tensorflow/*', '../model/*', '../../model/*'],
	// Ink's React DevTools hook is only for development (DEV=true).
	alias: {'react-devtools-core': stub},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as digitsCreateRequire} from 'node:module'; const require = digitsCreateRequire(import.meta.url);"},
	logLevel: 'warning',
});
