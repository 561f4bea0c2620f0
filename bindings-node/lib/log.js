'use strict';
// Core's log lines (one per HTTP attempt: method, URL with the key masked, status, outcome,
// attempt number, elapsed ms) for JS: printed to stderr under NODE_DEBUG=cake-sdk (Node's own
// util.debuglog), and handed as structured records to the function given to setLogger.
// While neither listens the native side forwards nothing and core does not format its lines.

const { debuglog } = require('node:util');
const native = require('./native.js');
const { reportThrown } = require('./sdk.cjs');

const debug = debuglog('cake-sdk');
// NODE_DEBUG is read once, when the process starts; so is this.
const nodeDebug = debug.enabled;

// Core's line: "GET <url> -> 503 http_status (attempt 1, 12 ms)" (status "-" when there was
// no answer). The URL's group is greedy: whatever the URL holds, the fields after it are
// matched from the end of the line.
const ATTEMPT = /^([A-Z]+) (.+) -> (\d{3}|-) ([a-z_]+) \(attempt (\d+), (\d+) ms\)$/;

let logger = null;
let active = false;

function record(level, message) {
  const parts = ATTEMPT.exec(message);
  if (parts === null) return { level, message };
  return {
    level,
    message,
    method: parts[1],
    url: parts[2],
    status: parts[3] === '-' ? null : Number(parts[3]),
    outcome: parts[4],
    attempt: Number(parts[5]),
    elapsedMs: Number(parts[6]),
  };
}

// Called on the JS thread for each record, in the order they were made.
function deliver(level, message) {
  if (nodeDebug) debug('%s', message);
  if (logger === null) return;
  try {
    logger(record(level, message));
  } catch (error) {
    // A throw here would be an uncaught exception far from its cause (as for onProgress).
    reportThrown('the logger', error);
  }
}

function update() {
  const wanted = nodeDebug || logger !== null;
  if (wanted !== active) active = native.setLogSink(wanted ? deliver : null);
}

/**
 * Sends every log record of the SDK (in the whole process) to `fn`, or stops with null.
 * Records: `{ level, message, method, url, status, outcome, attempt, elapsedMs }`.
 */
function setLogger(fn) {
  if (fn !== null && fn !== undefined && typeof fn !== 'function') {
    throw new TypeError('setLogger takes a function (record) => void, or null');
  }
  logger = fn ?? null;
  update();
}

// What a call awaits once its answer arrived, so that its records come first: nothing while
// nobody listens or when every record queued so far was delivered (as usual: they were
// queued before the answer), else a wait until they are.
function flushed() {
  if (!active) return undefined;
  const queued = native.logUndelivered();
  return queued === null ? undefined : delivery(queued);
}

// The missing records are queued already, so the event loop's next turns deliver them;
// setImmediate keeps the process alive meanwhile, which the (weak) native sink does not.
async function delivery(queued) {
  do await new Promise(setImmediate);
  while (native.logPending(queued));
}

update();

module.exports = { setLogger, flushed };
