// Which addon the package loads on each platform, with the process facts faked: the generated
// loader (native.js) and lib/native.js run as they are, in a function scope whose `process`
// and `require` are stubs, so no addon for another platform is needed. Every package is
// "installed" at once, so picking any but the right one fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const PLATFORM_PACKAGES = pkg.napi.targets.map((triple) => `cake-sdk-${npmName(triple)}`);

// package.json's napi targets as napi-rs names their packages.
function npmName(triple) {
  const [arch, , os, abi] = triple.split('-');
  if (triple.startsWith('wasm32-wasi')) return 'wasm32-wasi';
  const cpu = { x86_64: 'x64', aarch64: 'arm64' }[arch];
  if (os === 'darwin') return `darwin-${cpu}`;
  return `linux-${cpu}-${abi}`;
}

function notFound(id) {
  const error = new Error(`Cannot find module '${id}'`);
  error.code = 'MODULE_NOT_FOUND';
  return error;
}

/**
 * Runs `file` (relative to the package root) as CommonJS with `facts` faked: platform, arch,
 * musl, env, the packages installed. Files of this package load the same way; anything else
 * comes from the stubs. Answers the module's exports and every specifier it asked for.
 */
function load(file, facts) {
  const { platform, arch, musl = false, env = {}, installed = PLATFORM_PACKAGES } = facts;
  const requested = [];
  const cache = new Map();
  const fakeProcess = {
    platform,
    arch,
    env,
    versions: process.versions,
    report: {
      getReport: () => ({
        header: musl ? {} : { glibcVersionRuntime: '2.36' },
        sharedObjects: musl ? [`/lib/ld-musl-${arch}.so.1`] : [`/lib/${arch}-linux-gnu/libc.so.6`],
      }),
    },
  };
  const fakeFs = {
    readFileSync(path) {
      if (path === '/usr/bin/ldd' && platform === 'linux') {
        return musl ? '#!/bin/sh\nexec /lib/ld-musl-x86_64.so.1 --list "$@"\n' : '#!/bin/bash\n# GNU C Library ldd\n';
      }
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
  };
  const addon = (name) => ({ loadedFrom: name });

  function bare(id) {
    if (id === 'fs' || id === 'node:fs') return fakeFs;
    if (id === 'child_process') return { execSync: () => (musl ? 'musl libc' : 'ldd (GNU libc) 2.36') };
    const name = id.replace(/\/package\.json$/, '');
    if (!installed.includes(name)) throw notFound(id);
    return id.endsWith('/package.json') ? { version: pkg.version } : addon(name);
  }

  function run(path) {
    if (cache.has(path)) return cache.get(path).exports;
    const module = { exports: {} };
    cache.set(path, module);
    const require = (id) => {
      requested.push(id);
      if (!id.startsWith('.')) return bare(id);
      const target = resolve(dirname(path), id);
      // Local addon files (./cake-sdk.linux-x64-gnu.node, ./cake-sdk.wasi.cjs) are not there.
      if (/\.(node|cjs|wasm)$/.test(target)) throw notFound(id);
      return target.endsWith('.json') ? JSON.parse(readFileSync(target, 'utf8')) : run(target.endsWith('.js') ? target : `${target}.js`);
    };
    require.resolve = (id) => {
      if (id.startsWith('.')) throw notFound(id);
      bare(id);
      return `/node_modules/${id}`;
    };
    const source = readFileSync(path, 'utf8');
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname, process) {${source}\n})`, { filename: path });
    wrapper(module.exports, require, module, path, dirname(path), fakeProcess);
    return module.exports;
  }

  return { exports: run(join(root, file)), requested };
}

const CHOICES = [
  { platform: 'linux', arch: 'x64', musl: false, want: 'cake-sdk-linux-x64-gnu' },
  { platform: 'linux', arch: 'arm64', musl: false, want: 'cake-sdk-linux-arm64-gnu' },
  { platform: 'linux', arch: 'x64', musl: true, want: 'cake-sdk-linux-x64-musl' },
  { platform: 'linux', arch: 'arm64', musl: true, want: 'cake-sdk-linux-arm64-musl' },
  { platform: 'darwin', arch: 'x64', want: 'cake-sdk-darwin-x64' },
  { platform: 'darwin', arch: 'arm64', want: 'cake-sdk-darwin-arm64' },
  // No native package: the WebAssembly fallback.
  { platform: 'win32', arch: 'x64', want: 'cake-sdk-wasm32-wasi' },
  { platform: 'win32', arch: 'arm64', want: 'cake-sdk-wasm32-wasi' },
  { platform: 'freebsd', arch: 'x64', want: 'cake-sdk-wasm32-wasi' },
  { platform: 'linux', arch: 'riscv64', musl: false, want: 'cake-sdk-wasm32-wasi' },
  { platform: 'linux', arch: 'arm', musl: false, want: 'cake-sdk-wasm32-wasi' },
  { platform: 'android', arch: 'arm64', want: 'cake-sdk-wasm32-wasi' },
];

test('the package lists one package per napi target, all at its version', () => {
  assert.deepEqual(PLATFORM_PACKAGES.sort(), [
    'cake-sdk-darwin-arm64', 'cake-sdk-darwin-x64', 'cake-sdk-linux-arm64-gnu', 'cake-sdk-linux-arm64-musl',
    'cake-sdk-linux-x64-gnu', 'cake-sdk-linux-x64-musl', 'cake-sdk-wasm32-wasi',
  ]);
  for (const name of PLATFORM_PACKAGES) {
    const dir = name.slice('cake-sdk-'.length);
    const manifest = JSON.parse(readFileSync(join(root, 'npm', dir, 'package.json'), 'utf8'));
    assert.equal(manifest.name, name);
    assert.equal(manifest.version, pkg.version, `${name}: version`);
  }
});

for (const { platform, arch, musl, want } of CHOICES) {
  const facts = `${platform} ${arch}${platform === 'linux' ? (musl ? ' musl' : ' glibc') : ''}`;
  test(`native.js on ${facts} loads ${want}`, () => {
    const { exports, requested } = load('native.js', { platform, arch, musl });
    assert.equal(exports.loadedFrom, want, `asked for: ${requested.join(', ')}`);
    assert.equal(exports.__napiBindingTarget, want.endsWith('wasm32-wasi') ? 'wasm32-wasi' : 'native');
    // No other platform's package was even asked for.
    const others = requested.filter((id) => PLATFORM_PACKAGES.includes(id) && id !== want);
    assert.deepEqual(others, []);
  });
}

test('the wrong libc\'s package is never taken: musl alone installed on glibc fails', () => {
  const installed = ['cake-sdk-linux-x64-musl'];
  assert.throws(() => load('native.js', { platform: 'linux', arch: 'x64', musl: false, installed }), /Cannot find native binding/);
  assert.equal(load('native.js', { platform: 'linux', arch: 'x64', musl: true, installed }).exports.loadedFrom, 'cake-sdk-linux-x64-musl');
});

test('a dropped platform package falls back to the WebAssembly package when it is there', () => {
  const installed = ['cake-sdk-wasm32-wasi'];
  const { exports } = load('native.js', { platform: 'linux', arch: 'x64', installed });
  assert.equal(exports.loadedFrom, 'cake-sdk-wasm32-wasi');
  assert.equal(exports.__napiBindingTarget, 'wasm32-wasi');
});

test('NAPI_RS_FORCE_WASI=error takes the WebAssembly package even where a native one loads', () => {
  const { exports, requested } = load('native.js', { platform: 'linux', arch: 'x64', env: { NAPI_RS_FORCE_WASI: 'error' } });
  assert.equal(exports.loadedFrom, 'cake-sdk-wasm32-wasi');
  assert.ok(!requested.includes('cake-sdk-linux-x64-gnu'));
});

test('nothing loads on a supported platform: the error names the package to install and npm/cli#4828', () => {
  for (const { platform, arch, musl, want } of CHOICES.filter((c) => !c.want.endsWith('wasi'))) {
    assert.throws(() => load('lib/native.js', { platform, arch, musl, installed: [] }), (e) => {
      assert.equal(e.code, 'ERR_CAKE_SDK_NO_ADDON');
      assert.ok(e.message.includes(`npm i ${want}@${pkg.version}`), e.message);
      assert.ok(e.message.includes('https://github.com/npm/cli/issues/4828'), e.message);
      assert.match(e.message, /delete node_modules and package-lock\.json/);
      // The loader's own account stays as the cause.
      assert.match(String(e.cause?.message), /Cannot find native binding/);
      return true;
    });
  }
});

test('nothing loads on a platform without a native package: the error says to install the fallback', () => {
  assert.throws(() => load('lib/native.js', { platform: 'win32', arch: 'x64', installed: [] }), (e) => {
    assert.equal(e.code, 'ERR_CAKE_SDK_NO_ADDON');
    assert.match(e.message, /no native addon for win32-x64/);
    assert.ok(e.message.includes(`npm i cake-sdk-wasm32-wasi@${pkg.version}`), e.message);
    assert.ok(e.message.includes('https://github.com/npm/cli/issues/4828'), e.message);
    return true;
  });
});

test('the fallback package is installed on every platform (no os or cpu), the native ones only on theirs', () => {
  const wasi = JSON.parse(readFileSync(join(root, 'npm/wasm32-wasi/package.json'), 'utf8'));
  assert.equal(wasi.cpu, undefined);
  assert.equal(wasi.os, undefined);
  const emnapi = new Set([wasi.dependencies['@emnapi/core'], wasi.dependencies['@emnapi/runtime'], pkg.devDependencies.emnapi]);
  assert.equal(emnapi.size, 1, 'emnapi, @emnapi/core and @emnapi/runtime share one version');
  for (const name of PLATFORM_PACKAGES.filter((n) => !n.endsWith('wasi'))) {
    const dir = name.slice('cake-sdk-'.length);
    const manifest = JSON.parse(readFileSync(join(root, 'npm', dir, 'package.json'), 'utf8'));
    const [os, cpu, abi] = dir.split('-');
    assert.deepEqual(manifest.os, [os], name);
    assert.deepEqual(manifest.cpu, [cpu], name);
    assert.deepEqual(manifest.libc, abi === undefined ? undefined : [abi === 'gnu' ? 'glibc' : 'musl'], name);
  }
});

test('an addon built without the client or the mock says so, naming the cargo feature', () => {
  const { exports: platform } = load('lib/platform.js', { platform: 'linux', arch: 'x64' });
  const client = platform.unavailable('Client');
  assert.equal(client.code, 'ERR_CAKE_SDK_UNAVAILABLE');
  assert.match(client.message, /^cake-sdk: Client is not in this build of its addon \(built without the cargo feature "client"\)/);
  assert.match(platform.unavailable('MockServer').message, /MockServer .*cargo feature "mock"/);
});

test('lib/platform.js reads musl and glibc from process.report as Node gives it', () => {
  const { exports: platform } = load('lib/platform.js', { platform: 'linux', arch: 'x64' });
  const fake = (header, sharedObjects) => ({ platform: 'linux', arch: 'arm64', report: { getReport: () => ({ header, sharedObjects }) } });
  assert.equal(platform.platformKey(fake({ glibcVersionRuntime: '2.28' }, [])), 'linux-arm64-gnu');
  assert.equal(platform.platformKey(fake({}, ['/lib/ld-musl-aarch64.so.1'])), 'linux-arm64-musl');
  assert.equal(platform.platformKey({ platform: 'darwin', arch: 'arm64' }), 'darwin-arm64');
  assert.equal(platform.platformPackage('win32-x64'), 'cake-sdk-wasm32-wasi');
  assert.equal(platform.platformPackage('linux-x64-musl'), 'cake-sdk-linux-x64-musl');
});
