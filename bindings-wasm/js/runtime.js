// One WebAssembly instance at a time, and what keeps it usable: every call goes through
// `call` (sync) or `run` (async, polled by the Rust executor from here), so a panic becomes a
// CakePanicError for the one call that hit it, and the instance is replaced by a fresh one as
// soon as no call is in flight on it (a trap leaks the Rust shadow stack; thousands of them
// would exhaust it).

import { CakePanicError } from './sdk/errors.js';

const RESOLVED = Promise.resolve();

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** Compiles the module at `url`: read from disk under Node, fetched (streaming) elsewhere. */
async function compile(url) {
  if (isNode && url.protocol === 'file:') {
    // Not a static import, nor a string a bundler can work out: bundlers for the browser must
    // not see node:fs (esbuild's minifier folds a template of literals into one and then
    // fails the build on it).
    const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ ['node:fs', 'promises'].join('/'));
    return WebAssembly.compile(await fs.readFile(url));
  }
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (error) {
      // A server that sends the wrong MIME type: compile from the bytes instead.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cake-sdk-wasm: cannot load ${url}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A trap or a JS exception raised from inside wasm (stack overflow) means a broken call. */
function isCrash(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

export class Runtime {
  #createGlue;
  #module;
  #glue;
  #generation = 0;
  /** Tasks of the current instance: id -> {settle, fail}. */
  #tasks = new Map();
  #scheduled = new Set();
  #resetPending = false;
  #resets = 0;
  /** What each instance is given when it starts (the full build's fetch transport). */
  #setups = [];

  /** Loads and instantiates the module: `createGlue` from the generated glue, `url` of the .wasm. */
  static async load(createGlue, url) {
    return new Runtime(createGlue, await compile(url));
  }

  constructor(createGlue, module) {
    this.#createGlue = createGlue;
    this.#module = module;
    this.#instantiate();
  }

  #instantiate() {
    const glue = this.#createGlue();
    glue.initSync({ module: this.#module });
    const generation = ++this.#generation;
    if (typeof glue.executor_init === 'function') {
      glue.executor_init((id) => this.#schedule(generation, id));
    }
    this.#glue = glue;
    this.#tasks = new Map();
    this.#scheduled = new Set();
    for (const setup of this.#setups) setup(glue, generation);
  }

  /** Runs `setup(glue, generation)` now and on every later instance. */
  setup(setup) {
    this.#setups.push(setup);
    setup(this.#glue, this.#generation);
  }

  /** Which instance is current: changes after a panic (pagers of older ones are gone). */
  get generation() {
    return this.#generation;
  }

  /** How many times a panic replaced the instance (for tests). */
  get resets() {
    return this.#resets;
  }

  /** Calls in flight (for tests: none may be left behind). */
  get inFlight() {
    return this.#tasks.size;
  }

  /** The raw glue, for tests only. */
  get glue() {
    return this.#glue;
  }

  /** Runs `fn(glue)` synchronously; a panic inside throws a CakePanicError. */
  call(fn) {
    this.#maybeReset();
    const glue = this.#glue;
    try {
      return fn(glue);
    } catch (error) {
      throw this.#crashed(glue, error);
    }
  }

  /**
   * Starts a task (`start(glue)` answers its id) and resolves with its output text. An
   * AbortSignal drops the task (its fetch is aborted) and rejects with the signal's reason.
   */
  run(start, signal) {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#maybeReset();
    const glue = this.#glue;
    const generation = this.#generation;
    return new Promise((resolve, reject) => {
      let id;
      const onAbort = () => {
        if (!this.#tasks.delete(id)) return;
        reject(signal.reason);
        // Later, not inside whatever wasm frame fired the abort (a progress callback).
        queueMicrotask(() => {
          if (generation !== this.#generation) return;
          try {
            glue.task_cancel(id);
          } catch (error) {
            this.#crashed(glue, error);
          }
          this.#maybeReset();
        });
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      try {
        id = start(glue);
      } catch (error) {
        reject(this.#crashed(glue, error));
        return;
      }
      this.#tasks.set(id, {
        settle: (text) => {
          done();
          resolve(text);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #schedule(generation, id) {
    if (generation !== this.#generation || this.#scheduled.has(id)) return;
    this.#scheduled.add(id);
    // A promise reaction rather than queueMicrotask: the same microtask queue, at a sixth of
    // the cost in Chromium (0.15 vs 0.86 us) and without Node's async-resource wrapper.
    RESOLVED.then(() => this.#poll(generation, id));
  }

  #poll(generation, id) {
    if (generation !== this.#generation) return;
    this.#scheduled.delete(id);
    const task = this.#tasks.get(id);
    if (!task) return; // aborted
    const glue = this.#glue;
    let output;
    try {
      output = glue.task_poll(id);
    } catch (error) {
      this.#tasks.delete(id);
      task.fail(this.#crashed(glue, error));
      return;
    }
    if (output === undefined) return; // pending: a waker will schedule it again
    this.#tasks.delete(id);
    task.settle(output);
    this.#maybeReset();
  }

  /** Turns a crash into a CakePanicError and arranges a fresh instance; other errors pass. */
  #crashed(glue, error) {
    if (!isCrash(error)) return error;
    let message;
    try {
      message = glue.take_panic_message();
    } catch {
      message = undefined;
    }
    if (glue === this.#glue) this.#resetPending = true;
    this.#maybeReset();
    return new CakePanicError(message ?? `WebAssembly trap: ${error.message}`, { cause: error });
  }

  /** Replaces a crashed instance once nothing is running on it. */
  #maybeReset() {
    if (!this.#resetPending || this.#tasks.size > 0) return;
    this.#resetPending = false;
    this.#resets += 1;
    this.#instantiate();
  }
}
