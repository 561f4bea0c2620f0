'use strict';
// cake-sdk for Node.js: a Promise client for CAKE's affiliate API, validation, decimal payout
// arithmetic and an in-process mock server. The Rust core (cake-core) does the work; this
// package translates.

const { Client } = require('./lib/client.js');
const { CakeError } = require('./lib/errors.js');
const { MockServer } = require('./lib/mock.js');
const { validate, operations } = require('./lib/validate.js');
const payout = require('./lib/payout.js');
const wire = require('./lib/wire.js');
const { setLogger } = require('./lib/log.js');
const { ISSUE_CODES } = require('./lib/issue-codes.js');

module.exports = {
  Client,
  CakeError,
  MockServer,
  validate,
  operations,
  ISSUE_CODES,
  setLogger,
  ...payout,
  wire: Object.freeze({ ...wire }),
};
