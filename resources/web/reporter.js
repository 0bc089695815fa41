/*
 * VibeStream reporter: turns a WebRTC peer connection's getStats() into VibeStream metrics and posts
 * them to a VibeStream Console. No dependencies; served by the console at /api/p2p/reporter.js.
 *
 *   <script src="https://console.example.com/api/p2p/reporter.js"></script>
 *   const reporter = VibeStreamReporter.attach(peerConnection, {
 *     endpoint: 'https://console.example.com',  // the console's origin (default: this page's)
 *     sessionId: 'session-42', userId: 'user-7', peerId: 'peer-3',
 *     intervalMs: 5000,                         // one sample of each kind per interval
 *   });
 *   reporter.stop();                            // or let it stop when the connection closes
 *
 * Every interval it posts one connection sample (latency from the selected candidate pair's round trip,
 * jitter and loss from inbound RTP, bandwidth from the pair's available outgoing bitrate or else the
 * bytes moved, ICE and DTLS states, Relay when a relay candidate carries the pair, and a quality class
 * from the E-model MOS) and, while video flows, one streaming sample (frame rate, resolution, dropped and
 * total frames, bitrate from the bytes moved, quality level from the resolution), both in one request
 * to the batch endpoint. Counters that go backwards (a restarted transport) count from zero again.
 * Posts that fail for the network or a busy console are kept (at most MaxQueued records) and retried
 * with doubling delays up to 30 s; a record the console refuses as invalid is dropped and logged.
 */
(function (global) {
  'use strict';

  const MaxQueued = 1000;
  const FirstRetryMs = 1000;
  const LastRetryMs = 30000;

  // The console's E-model (models/domain/emodel.h): the same constants, so that a reporter and the
  // console grade a sample alike.
  const EModel = {
    defaultR: 93.2, fixedDelayMs: 10, jitterWeight: 2, delayKneeMs: 160, delayDivisorBelowKnee: 40,
    delayOffsetAboveKnee: 120, delayDivisorAboveKnee: 10, lossWeight: 2.5,
    mosLinear: 0.035, mosCubic: 0.000007, lowestMos: 1, highestMos: 4.5,
  };

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  function mosFromR(r) {
    return clamp(1 + EModel.mosLinear * r + EModel.mosCubic * r * (r - 60) * (100 - r), EModel.lowestMos,
      EModel.highestMos);
  }

  function mos(latencyMs, jitterMs, lossPercent) {
    const effective = latencyMs + EModel.jitterWeight * jitterMs + EModel.fixedDelayMs;
    const delay = effective < EModel.delayKneeMs ? effective / EModel.delayDivisorBelowKnee
      : (effective - EModel.delayOffsetAboveKnee) / EModel.delayDivisorAboveKnee;
    return mosFromR(clamp(EModel.defaultR - delay - EModel.lossWeight * lossPercent, 0, 100));
  }

  // The R bands of G.107 Annex B (90, 80, 70, 60) carried over to MOS, as the console does.
  function qualityFromMos(value) {
    if (value >= mosFromR(90)) return 'Excellent';
    if (value >= mosFromR(80)) return 'Good';
    if (value >= mosFromR(70)) return 'Fair';
    if (value >= mosFromR(60)) return 'Poor';
    return 'Unusable';
  }

  function qualityLevel(height) {
    if (height >= 2160) return 'UltraHD';
    if (height >= 1080) return 'FullHD';
    if (height >= 720) return 'HD';
    if (height >= 480) return 'SD';
    return 'Low';
  }

  // How much a counter grew since the last sample; a counter that went back was reset and counts from 0.
  function growth(now, before) {
    if (now === undefined) return 0;
    if (before === undefined || now < before) return now;
    return now - before;
  }

  function u32(value) { return clamp(Math.round(value || 0), 0, 4294967295); }

  function byType(report) {
    const stats = {};
    report.forEach(entry => { (stats[entry.type] = stats[entry.type] || []).push(entry); });
    return { list: type => stats[type] || [], byId: id => report.get(id) };
  }

  function randomId() {
    return (global.crypto && global.crypto.randomUUID) ? global.crypto.randomUUID()
      : String(Date.now()) + '-' + Math.random().toString(16).slice(2);
  }

  class Reporter {
    constructor(peerConnection, options) {
      this.pc = peerConnection;
      this.endpoint = (options.endpoint || global.location.origin).replace(/\/+$/, '');
      this.sessionId = String(options.sessionId);
      this.userId = String(options.userId);
      this.peerId = String(options.peerId || 'peer-' + randomId());
      this.connectionId = 'conn-' + randomId();
      this.streamId = 'stream-' + randomId();
      this.intervalMs = options.intervalMs || 5000;
      this.startTime = new Date();
      this.previous = {};
      this.queue = [];
      this.retryMs = FirstRetryMs;
      this.retryTimer = null;
      this.sending = false;
      this.stopped = false;
      this.onStateChange = () => {
        if (this.pc.connectionState === 'closed' || this.pc.iceConnectionState === 'closed')
          this.stop();
      };
      this.pc.addEventListener('connectionstatechange', this.onStateChange);
      this.pc.addEventListener('iceconnectionstatechange', this.onStateChange);
      this.timer = global.setInterval(() => this.sample(), this.intervalMs);
    }

    stop() {
      if (this.stopped) return;
      this.stopped = true;
      global.clearInterval(this.timer);
      global.clearTimeout(this.retryTimer);
      this.pc.removeEventListener('connectionstatechange', this.onStateChange);
      this.pc.removeEventListener('iceconnectionstatechange', this.onStateChange);
      this.flush(); // what is queued goes once more
    }

    async sample() {
      if (this.stopped) return;
      let report;
      try {
        report = await this.pc.getStats();
      } catch (error) {
        return; // a closing connection has no stats: the state change stops the reporter
      }
      const now = performance.now();
      const seconds = this.previous.at === undefined ? this.intervalMs / 1000 : (now - this.previous.at) / 1000;
      const stats = byType(report);
      const records = [];
      const connection = this.connectionSample(stats, seconds);
      if (connection) records.push(Object.assign({ kind: 'connection' }, connection));
      const streaming = this.streamingSample(stats, seconds);
      if (streaming) records.push(Object.assign({ kind: 'streaming' }, streaming));
      this.previous.at = now;
      this.enqueue(records);
    }

    connectionSample(stats, seconds) {
      const transport = stats.list('transport')[0];
      const pair = (transport && transport.selectedCandidatePairId && stats.byId(transport.selectedCandidatePairId))
        || stats.list('candidate-pair').find(p => p.nominated && p.state === 'succeeded');
      if (!pair) return null;
      const local = stats.byId(pair.localCandidateId) || {};
      const remote = stats.byId(pair.remoteCandidateId) || {};
      let lost = 0, received = 0, jitterMs = 0;
      for (const rtp of stats.list('inbound-rtp')) {
        const key = 'rtp-' + rtp.ssrc;
        const before = this.previous[key] || {};
        lost += Math.max(0, growth(rtp.packetsLost, before.lost));
        received += growth(rtp.packetsReceived, before.received);
        jitterMs = Math.max(jitterMs, (rtp.jitter || 0) * 1000);
        this.previous[key] = { lost: rtp.packetsLost, received: rtp.packetsReceived };
      }
      const bytes = (pair.bytesSent || 0) + (pair.bytesReceived || 0);
      const movedMbps = growth(bytes, this.previous.pairBytes) * 8 / 1e6 / Math.max(seconds, 0.001);
      this.previous.pairBytes = bytes;
      const bandwidthMbps = pair.availableOutgoingBitrate ? pair.availableOutgoingBitrate / 1e6 : movedMbps;
      const latencyMs = (pair.currentRoundTripTime || 0) * 1000;
      const lossPercent = lost + received > 0 ? 100 * lost / (lost + received) : 0;
      const relayed = local.candidateType === 'relay' || remote.candidateType === 'relay';
      return {
        session_id: this.sessionId, user_id: this.userId, connection_id: this.connectionId, peer_id: this.peerId,
        connection_type: relayed ? 'Relay' : 'WebRTC',
        latency_ms: u32(latencyMs),
        bandwidth_mbps: Math.max(0, bandwidthMbps),
        packet_loss_percent: clamp(lossPercent, 0, 100),
        jitter_ms: u32(jitterMs),
        connection_quality: qualityFromMos(mos(latencyMs, jitterMs, lossPercent)),
        ice_connection_state: this.pc.iceConnectionState,
        dtls_transport_state: (transport && transport.dtlsState) || 'new',
      };
    }

    streamingSample(stats, seconds) {
      // The video this peer receives; a peer that only sends reports what it sends.
      const inbound = stats.list('inbound-rtp').find(r => r.kind === 'video');
      const video = inbound || stats.list('outbound-rtp').find(r => r.kind === 'video');
      if (!video || !video.frameHeight) return null;
      const bytes = inbound ? video.bytesReceived : video.bytesSent;
      const bitrateKbps = growth(bytes, this.previous.videoBytes) * 8 / 1000 / Math.max(seconds, 0.001);
      this.previous.videoBytes = bytes;
      const switched = this.previous.height !== undefined && this.previous.height !== video.frameHeight;
      this.previous.height = video.frameHeight;
      return {
        session_id: this.sessionId, user_id: this.userId, stream_id: this.streamId,
        content_id: video.trackIdentifier || video.mid || 'video',
        quality_level: qualityLevel(video.frameHeight),
        bitrate_kbps: u32(bitrateKbps),
        frame_rate: video.framesPerSecond || 0,
        resolution_width: u32(video.frameWidth),
        resolution_height: u32(video.frameHeight),
        // Real-time video plays what arrives: the jitter buffer is its whole buffer.
        buffer_level_seconds: inbound && inbound.jitterBufferEmittedCount
          ? inbound.jitterBufferDelay / inbound.jitterBufferEmittedCount : 0,
        dropped_frames: u32(video.framesDropped),
        total_frames: u32(inbound ? (video.framesReceived || video.framesDecoded) : video.framesSent),
        adaptive_switches: switched ? 1 : 0,
        start_time: this.startTime.toISOString(),
        end_time: null,
        duration_seconds: (Date.now() - this.startTime.getTime()) / 1000,
      };
    }

    enqueue(records) {
      this.queue.push(...records);
      // Keep the newest: old samples matter least when the console has been away long.
      if (this.queue.length > MaxQueued) this.queue.splice(0, this.queue.length - MaxQueued);
      if (!this.retryTimer) this.flush();
    }

    async flush() {
      if (this.sending || this.queue.length === 0) return;
      const records = this.queue.splice(0, this.queue.length);
      this.sending = true;
      let retry = false;
      try {
        const response = await global.fetch(this.endpoint + '/api/p2p/analytics/batch', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ records }), keepalive: this.stopped,
        });
        if (response.status === 429 || response.status >= 500) {
          retry = true;
        } else if (!response.ok) {
          console.warn('VibeStream reporter: the console refused the samples', response.status, await response.text());
        } else {
          const answer = await response.json();
          if (answer.rejected > 0) console.warn('VibeStream reporter: samples rejected', answer.errors);
        }
      } catch (error) {
        retry = true; // the network, or a console that is not there
      }
      this.sending = false;
      if (!retry) {
        this.retryMs = FirstRetryMs;
        return;
      }
      this.queue.unshift(...records);
      if (this.queue.length > MaxQueued) this.queue.splice(0, this.queue.length - MaxQueued);
      if (this.stopped) return;
      this.retryTimer = global.setTimeout(() => { this.retryTimer = null; this.flush(); }, this.retryMs);
      this.retryMs = Math.min(LastRetryMs, this.retryMs * 2);
    }
  }

  global.VibeStreamReporter = {
    attach(peerConnection, options) { return new Reporter(peerConnection, options || {}); },
    // For tests and players that grade samples themselves.
    mos, qualityFromMos, qualityLevel,
  };
})(typeof window !== 'undefined' ? window : globalThis);
