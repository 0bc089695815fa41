// reporter.js against what real calls rarely show on demand: counters that restart from zero and a
// console that answers 503 for a while. The peer connection is scripted (its getStats() steps through
// fixed reports) and the page's clock is Playwright's, so that every figure is exact; the posts go to
// a real console.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportedSamples, removeDirectory, startPlayerSetup, temporaryDirectory, waitFor } from './harness.mjs';

const directory = temporaryDirectory();
let consoleProcess;
let chrome;
let setup;

// Each step: the bytes received so far and the packets lost and received so far, as getStats() says.
// The fourth step restarts every counter (a new transport after an ICE restart).
const Steps = [
  { bytes: 125000, lost: 0, received: 100 },
  { bytes: 250000, lost: 10, received: 190 },
  { bytes: 50000, lost: 1, received: 49 },
  { bytes: 175000, lost: 1, received: 149 },
];

const page = consoleUrl => `<!DOCTYPE html><html><body>
<script src="${consoleUrl}/api/p2p/reporter.js"></script>
<script>
// When (by the page's clock) each post left.
window.postTimes = [];
const realFetch = window.fetch.bind(window);
window.fetch = (url, options) => {
  if (String(url).endsWith('/api/p2p/analytics/batch')) window.postTimes.push(Date.now());
  return realFetch(url, options);
};

class ScriptedConnection extends EventTarget {
  constructor(steps) { super(); this.steps = steps; this.step = 0; this.iceConnectionState = 'connected'; this.connectionState = 'connected'; }
  async getStats() {
    const s = this.steps[Math.min(this.step++, this.steps.length - 1)];
    return new Map([
      ['t', { type: 'transport', id: 't', selectedCandidatePairId: 'p', dtlsState: 'connected' }],
      ['p', { type: 'candidate-pair', id: 'p', localCandidateId: 'l', remoteCandidateId: 'r', currentRoundTripTime: 0.04, bytesSent: 0, bytesReceived: s.bytes }],
      ['l', { type: 'local-candidate', id: 'l', candidateType: 'relay' }],
      ['r', { type: 'remote-candidate', id: 'r', candidateType: 'host' }],
      ['v', { type: 'inbound-rtp', id: 'v', kind: 'video', ssrc: 1, jitter: 0.006, packetsLost: s.lost, packetsReceived: s.received,
              bytesReceived: s.bytes, framesPerSecond: 25, frameWidth: 1280, frameHeight: 720, framesDropped: 0, framesReceived: 25 * (this.step) }],
    ]);
  }
  close() { this.connectionState = 'closed'; this.dispatchEvent(new Event('connectionstatechange')); }
}
</script></body></html>`;

before(async () => {
  setup = await startPlayerSetup(directory, page);
  consoleProcess = setup.consoleProcess;
  chrome = setup.chrome;
});

after(async () => {
  await setup?.stop();
  removeDirectory(directory);
});

test('counter restarts count from zero, and a busy console gets every sample later', async () => {
  const base = consoleProcess.url;
  const tab = await chrome.browser.newPage();
  // The page's time stands still but for runFor(): every delay and rate is exact.
  const start = Date.parse('2026-11-28T12:00:00Z');
  await tab.clock.install({ time: start });
  // The console answers 503 to the first two posts, as when its queue is full.
  let refusals = 0;
  await tab.route(base + '/api/p2p/analytics/batch', async route => {
    if (++refusals <= 2)
      return route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': '*' }, body: '{"error":"busy"}' });
    return route.continue();
  });
  await tab.goto(setup.playerUrl);
  await tab.clock.pauseAt(start + 60000); // a minute on: loading the page takes real time
  await tab.evaluate(([endpoint, steps]) => {
    window.connection = new ScriptedConnection(steps);
    window.reporter = VibeStreamReporter.attach(window.connection,
      { endpoint, sessionId: 'scripted', userId: 'u-scripted', peerId: 'p-scripted', intervalMs: 1000 });
  }, [base, Steps]);

  // A sample a second; the first post is refused at 1 s, its retry at 2 s, the next retry (at 4 s) goes through.
  // The clock moves on only once the page has its answer (posted, or a retry planned), whatever the
  // machine's load: the network is real, the page's time is not.
  const settled = () => waitFor('the post to settle', () => tab.evaluate(() => !window.reporter.sending
    && (window.reporter.queue.length === 0 || window.reporter.retryTimer !== null)));
  for (let second = 0; second < 8; ++second) {
    await tab.clock.runFor(1000);
    await settled();
  }
  const attempts = await tab.evaluate(() => window.postTimes.map(time => time - window.postTimes[0]));
  assert.ok(attempts.length >= 3, 'posts: ' + attempts.length);
  // Doubling delays: the second retry waits twice as long as the first.
  assert.equal(attempts[1] - attempts[0], 1000, attempts.join(', '));
  assert.equal(attempts[2] - attempts[1], 2000, attempts.join(', '));

  // Nothing lost to the refusals: the samples of all eight seconds, in order.
  const connections = await waitFor('the eight connection samples', async () => {
    const rows = exportedSamples(consoleProcess, directory, 'connections', 'scripted');
    return rows.length >= 8 ? rows : null;
  });
  assert.equal(connections.length, 8);
  const streaming = exportedSamples(consoleProcess, directory, 'streaming', 'scripted');
  assert.equal(streaming.length, 8);
  // Bytes and packets of each second; the third step restarted the counters, which count from zero.
  // (Samples posted in one batch share their arrival time, so they are put in order by their frames.)
  streaming.sort((a, b) => Number(a.total_frames) - Number(b.total_frames));
  assert.deepEqual(streaming.map(s => Number(s.bitrate_kbps)), [1000, 1000, 400, 1000, 0, 0, 0, 0]);
  const losses = connections.map(c => Number(c.packet_loss_percent)).sort((a, b) => a - b);
  assert.deepEqual(losses, [0, 0, 0, 0, 0, 0, 2, 10]); // 10 of 100, then 1 of 50 after the restart
  for (const c of connections) {
    assert.equal(c.connection_type, 'Relay'); // the local candidate is a relay
    assert.equal(Number(c.latency_ms), 40);
    assert.equal(Number(c.jitter_ms), 6);
    assert.equal(c.dtls_transport_state, 'connected');
  }
  assert.equal(streaming[0].quality_level, 'HD');
  assert.equal(Number(streaming[0].frame_rate), 25);

  // A closed connection stops its reporter.
  await tab.evaluate(() => window.connection.close());
  await tab.clock.runFor(5000);
  await new Promise(resolve => setTimeout(resolve, 200));
  assert.equal(exportedSamples(consoleProcess, directory, 'connections', 'scripted').length, 8);
});
