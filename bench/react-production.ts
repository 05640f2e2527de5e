// Imported first by the benchmark: React picks its build when it is first loaded, and the app
// runs the production one (see openApp in source/cli.ts and the bundle), so the benchmark
// must too. The development build cost the app twice the CPU while training.
process.env['NODE_ENV'] ??= 'production';
