// What the browser tests share: a real console started for the test, Debian's Chromium driven by
// playwright-core, and clean-up that ends every process the test started, by its id, pass or fail.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const consoleBinary = process.env.VIBESTREAM_CONSOLE_BINARY;

// The flags this machine's Chromium needs (a fresh profile comes from playwright-core).
const chromiumArgs = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export function temporaryDirectory() {
  return mkdtempSync(join(tmpdir(), 'vibestream-browser-'));
}

// Starts `vibestream-console --headless` on a free port over a fresh SQLite file; resolves once it
// printed its "Listening on" line.
export async function startConsole(directory, extraArguments = []) {
  const database = 'sqlite://' + join(directory, 'console.db');
  const child = spawn(consoleBinary, ['--headless', '--port', '0', '--database', database, ...extraArguments],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error('the console exited with ' + code)));
    lines.once('line', line => {
      const match = /^Listening on (http:\/\/[^ ]+)$/.exec(line);
      match ? resolve(match[1]) : reject(new Error('unexpected first line: ' + line));
    });
  });
  return {
    url, database, child,
    stop() {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
    },
  };
}

export function writeJson(directory, name, value) {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

// Chromium as a server process of its own, so that its id is known and it can be killed for sure.
export async function startBrowser(extraArgs = []) {
  const server = await chromium.launchServer({
    executablePath: '/usr/bin/chromium', headless: true, chromiumSandbox: false,
    args: [...chromiumArgs, ...extraArgs],
  });
  const pid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
      for (const target of [-pid, pid]) { // its process group (renderers, utilities), then itself
        try { process.kill(target, 'SIGKILL'); } catch { /* already gone */ }
      }
    },
  };
}

export async function getJson(base, path) {
  const response = await fetch(base + path);
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

export async function postJson(base, path, body) {
  const response = await fetch(base + path,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status + ' ' + await response.text());
  return response.json();
}

export async function waitFor(what, check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

export function removeDirectory(directory) {
  rmSync(directory, { recursive: true, force: true });
}

// RFC 4180 records of a CSV file, as objects by column name.
export function readCsv(path) {
  const text = readFileSync(path, 'utf8');
  const records = [];
  let record = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; ++i; }
    else field += c;
  }
  const [header, ...rows] = records;
  return rows.map(row => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

// One session's raw samples of the last day ("connections" or "streaming"), read with the console's
// own export command from the database the running console writes.
export function exportedSamples(consoleProcess, directory, report, sessionId) {
  const out = join(directory, `${report}-${sessionId}.csv`);
  execFileSync(consoleBinary, ['export', '--report', report, '--session', sessionId, '--days', '1',
    '--format', 'csv', '--out', out, '--database', consoleProcess.database]);
  return readCsv(out);
}

// What a player's test needs: a console, the player's page served from another origin (both on
// loopback: Chromium keeps pages of public addresses from reaching loopback ones) and a browser.
// `html(consoleUrl)` makes the page.
export async function startPlayerSetup(directory, html, browserArgs = []) {
  const consoleProcess = await startConsole(directory);
  const player = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html(consoleProcess.url));
  });
  await new Promise(resolve => player.listen(0, '127.0.0.1', resolve));
  const chrome = await startBrowser(browserArgs);
  return {
    consoleProcess, chrome, playerUrl: `http://127.0.0.1:${player.address().port}/`,
    async stop() {
      await chrome.stop();
      player.close();
      consoleProcess.stop();
    },
  };
}
