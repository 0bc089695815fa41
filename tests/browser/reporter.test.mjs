// reporter.js in a real Chromium: two RTCPeerConnections of one page (a canvas as their video) report
// through it to a real console, from another origin; the console stores plausible connection and
// streaming samples, and the reporters stop once the connections close. Run inside in-netns.sh:
// WebRTC needs an interface with an address besides loopback to find candidates.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportedSamples, getJson, removeDirectory, startPlayerSetup, temporaryDirectory, waitFor }
  from './harness.mjs';

const directory = temporaryDirectory();
const Width = 640;
const Height = 360;
let consoleProcess;
let chrome;
let setup;

// The player's page, on an origin of its own, loading reporter.js from the console.
function playerPage(consoleUrl) {
  return `<!DOCTYPE html><html><body>
<canvas id="canvas" width="${Width}" height="${Height}"></canvas><video id="video" autoplay muted playsinline></video>
<script src="${consoleUrl}/api/p2p/reporter.js"></script>
<script>
async function startCall(endpoint) {
  const canvas = document.getElementById('canvas');
  const context = canvas.getContext('2d');
  let frame = 0;
  setInterval(() => {
    context.fillStyle = 'hsl(' + (frame++ % 360) + ', 80%, 50%)';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#fff';
    context.fillText(String(frame), 20, 20);
  }, 33);
  const stream = canvas.captureStream(30);
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = event => event.candidate && receiver.addIceCandidate(event.candidate);
  receiver.onicecandidate = event => event.candidate && sender.addIceCandidate(event.candidate);
  receiver.ontrack = event => { document.getElementById('video').srcObject = event.streams[0]; };
  stream.getTracks().forEach(track => sender.addTrack(track, stream));
  await sender.setLocalDescription();
  await receiver.setRemoteDescription(sender.localDescription);
  await receiver.setLocalDescription();
  await sender.setRemoteDescription(receiver.localDescription);
  window.peers = [sender, receiver];
  const options = { endpoint, userId: 'browser-user', intervalMs: 1000 };
  window.reporters = [
    VibeStreamReporter.attach(sender, { ...options, sessionId: 'webrtc-sender', peerId: 'peer-sender' }),
    VibeStreamReporter.attach(receiver, { ...options, sessionId: 'webrtc-receiver', peerId: 'peer-receiver' }),
  ];
}
</script></body></html>`;
}

function exported(report, sessionId) {
  return exportedSamples(consoleProcess, directory, report, sessionId);
}

before(async () => {
  setup = await startPlayerSetup(directory, playerPage, ['--disable-features=WebRtcHideLocalIpsWithMdns']);
  consoleProcess = setup.consoleProcess;
  chrome = setup.chrome;
});

after(async () => {
  await setup?.stop();
  removeDirectory(directory);
});

test('two peers of a page report plausible metrics through reporter.js, then stop', async () => {
  const base = consoleProcess.url;
  const page = await chrome.browser.newPage();
  page.on('console', message => { if (message.type() !== 'log') console.log('page:', message.text()); });
  await page.goto(setup.playerUrl);
  await page.evaluate(endpoint => startCall(endpoint), base);

  // A few seconds of video: each reporter posts once a second.
  await waitFor('streaming samples of the receiver', async () => {
    const session = await getJson(base, '/api/p2p/analytics/session/webrtc-receiver').catch(() => null);
    return session && session.total_streaming_sessions >= 1
      && exported('streaming', 'webrtc-receiver').filter(s => Number(s.frame_rate) > 0).length >= 3;
  }, 45000);

  for (const sessionId of ['webrtc-sender', 'webrtc-receiver']) {
    const connections = exported('connections', sessionId);
    assert.ok(connections.length >= 3, sessionId + ': ' + connections.length + ' connection samples');
    const last = connections[connections.length - 1];
    assert.ok(['connected', 'completed'].includes(last.ice_connection_state), last.ice_connection_state);
    assert.equal(last.dtls_transport_state, 'connected');
    assert.equal(last.connection_type, 'WebRTC');
    assert.equal(last.user_id, 'browser-user');
    assert.ok(Number(last.latency_ms) >= 0 && Number(last.latency_ms) < 1000, last.latency_ms);
    assert.ok(Number(last.bandwidth_mbps) > 0, last.bandwidth_mbps);
    assert.ok(Number(last.packet_loss_percent) >= 0 && Number(last.packet_loss_percent) <= 100);
  }
  const received = exported('streaming', 'webrtc-receiver').filter(s => Number(s.frame_rate) > 0);
  assert.ok(received.every(s => Number(s.total_frames) > 0 && Number(s.bitrate_kbps) >= 0));
  const largest = received.reduce((a, b) => (Number(b.resolution_height) > Number(a.resolution_height) ? b : a));
  assert.equal(Number(largest.resolution_width), Width);
  assert.equal(Number(largest.resolution_height), Height);
  assert.equal(largest.quality_level, 'Low'); // 360 lines
  assert.ok(exported('streaming', 'webrtc-sender').some(s => Number(s.frame_rate) > 0));

  // Closed connections stop their reporters: no sample after the last one in flight.
  await page.evaluate(() => window.peers.forEach(peer => peer.close()));
  await new Promise(resolve => setTimeout(resolve, 1500));
  const settled = exported('connections', 'webrtc-receiver').length;
  await new Promise(resolve => setTimeout(resolve, 3000));
  assert.equal(exported('connections', 'webrtc-receiver').length, settled);
});
