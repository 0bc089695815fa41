// The web dashboard in a real Chromium against a real console: the cards show the API's figures, the
// four charts are drawn, a real alert is listed, new metrics show up, and a console that stops answering
// raises the banner.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getJson, postJson, removeDirectory, startBrowser, startConsole, temporaryDirectory, waitFor, writeJson }
  from './harness.mjs';

const directory = temporaryDirectory();
let consoleProcess;
let chrome;

function connection(sessionId, userId, latencyMs) {
  return {
    kind: 'connection', session_id: sessionId, user_id: userId, connection_id: sessionId + '-c', peer_id: userId + '-p',
    connection_type: 'WebRTC', latency_ms: latencyMs, bandwidth_mbps: 12.5, packet_loss_percent: 0.5, jitter_ms: 4,
    connection_quality: 'Good', ice_connection_state: 'connected', dtls_transport_state: 'connected',
  };
}

before(async () => {
  // A rule that raises at once, evaluated every second: a real alert within the test's time.
  const rules = writeJson(directory, 'rules.json', {
    evaluation_interval_seconds: 1,
    rules: [{ type: 'HighLatency', scope: 'global', raise: 250, clear: 200, window_seconds: 300,
      minimum_duration_seconds: 0, minimum_samples: 2, severity: 'High' }],
  });
  consoleProcess = await startConsole(directory, ['--alert-rules', rules]);
  chrome = await startBrowser();
});

after(async () => {
  await chrome?.stop();
  consoleProcess?.stop();
  removeDirectory(directory);
});

test('the page shows the API figures, four charts and a real alert, then follows new metrics', async () => {
  const base = consoleProcess.url;
  await postJson(base, '/api/p2p/analytics/batch',
    { records: [connection('s1', 'u1', 300), connection('s2', 'u2', 320), connection('s2', 'u2', 310)] });
  const alerts = await waitFor('the alert', async () => {
    const list = await getJson(base, '/api/p2p/dashboard/alerts');
    return list.active_alerts > 0 ? list : null;
  });

  const page = await chrome.browser.newPage();
  await page.goto(base + '/api/p2p/dashboard/?refresh_seconds=1');
  assert.match(await page.title(), /VibeStream P2P Dashboard/);
  await page.waitForSelector('body[data-refreshes]');

  const summary = await getJson(base, '/api/p2p/dashboard/summary');
  const card = id => page.locator(`#${id} .value`).textContent();
  assert.equal(await card('card-users'), String(summary.active_users.current));
  assert.equal(await card('card-connections'), String(summary.p2p_connections.current));
  assert.equal(await card('card-latency'), summary.average_latency_ms.current.toFixed(1) + ' ms');
  assert.equal(await card('card-bandwidth'), summary.average_bandwidth_mbps.current.toFixed(1) + ' Mbps');
  assert.equal(await card('card-success'), summary.success_rate_percent.current.toFixed(1) + ' %');
  assert.equal(await card('card-streams'), String(summary.active_streams.current));
  assert.equal(await page.locator('#card-users .change').textContent(), 'was 0 in the previous hour');
  assert.equal(await page.locator('#card-latency .change').textContent(), 'no data in the previous hour');

  // Four charts, each a Chart.js chart with the API's points, painted on its canvas.
  for (const id of ['chart-latency', 'chart-bandwidth', 'chart-users', 'chart-success']) {
    const drawn = await page.evaluate(canvasId => {
      const canvas = document.getElementById(canvasId);
      const chart = Chart.getChart(canvas);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) painted += pixels[i] > 0 ? 1 : 0;
      return { points: chart ? chart.data.datasets[0].data.length : 0, painted };
    }, id);
    assert.ok(drawn.points >= 1, id + ' has no points');
    assert.ok(drawn.painted > 1000, id + ' is blank');
  }

  assert.equal(await page.locator('#active-alerts').textContent(), String(alerts.active_alerts));
  const listed = await page.locator('#alerts li').allTextContents();
  assert.ok(listed.some(text => text.includes(alerts.alerts[0].message)), listed.join('\n'));

  // On a phone's width the cards and charts stack: nothing sticks out sideways.
  // (Chart.js resizes its canvases on the next animation frames: wait for the layout to settle.)
  await page.setViewportSize({ width: 390, height: 844 });
  const fits = () => document.documentElement.scrollWidth <= window.innerWidth;
  await page.waitForFunction(fits, null, { timeout: 10000 }).catch(() => {});
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'the page is ' + overflow + ' px too wide');
  const chartWidths = await page.locator('.chart').evaluateAll(charts => charts.map(c => c.clientWidth));
  assert.ok(chartWidths.every(width => width > 300), chartWidths.join(', ')); // one column
  await page.setViewportSize({ width: 1280, height: 900 });

  // New metrics from a third user reach the page at its next refresh.
  await postJson(base, '/api/p2p/analytics/batch', { records: [connection('s3', 'u3', 40)] });
  await page.waitForFunction(expected => document.querySelector('#card-users .value').textContent === expected,
    String(summary.active_users.current + 1), { timeout: 15000 });

  // A console that stops answering: the banner says so, the figures stay.
  consoleProcess.stop();
  await page.waitForSelector('#banner.shown', { timeout: 15000 });
  assert.match(await page.locator('#banner').textContent(), /does not answer/);
  assert.equal(await card('card-users'), String(summary.active_users.current + 1));
});
