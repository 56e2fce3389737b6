/**
 * jest's node environment, plus a check after each test file: once the file's own teardown has
 * run, what it opened (servers, sockets, child processes) must close within a few seconds. A
 * closing server or socket takes a moment after its close() resolves, so this waits for that
 * instead of letting jest's worker exit with it still open (jest then force-exits the worker,
 * and on a busy machine reports a leak that is none). Whatever is still open after the wait is
 * a leak, and is named with the file that left it.
 */
const { TestEnvironment } = require('jest-environment-node');

// what a test file may open; the worker's own pipes, TTYs and timers are not counted (a
// leaked timer is found by --detectOpenHandles, which names where it was made)
const COUNTED = new Set(['TCPServerWrap', 'TCPSocketWrap', 'TCPWrap', 'ConnectWrap', 'ProcessWrap', 'UDPWrap', 'TLSWrap', 'GetAddrInfoReqWrap']);
const SETTLE_MS = 5000;

function open() {
  return process.getActiveResourcesInfo().filter((r) => COUNTED.has(r));
}

class NodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async teardown() {
    await super.teardown();
    const until = Date.now() + SETTLE_MS;
    while (open().length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const left = open();
    if (left.length > 0) {
      const counts = {};
      for (const r of left) counts[r] = (counts[r] ?? 0) + 1;
      process.stderr.write(`${this.testPath}: still open ${SETTLE_MS / 1000} s after its teardown: ${Object.entries(counts).map(([r, n]) => `${r}×${n}`).join(', ')}\n`);
    }
  }
}

module.exports = NodeEnvironment;
