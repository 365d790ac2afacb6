// Drives Firefox ESR over WebDriver BiDi with puppeteer-core for the Go engine tests (engines_test.go):
// one JSON command per line on stdin, one JSON answer per line on stdout.
import { createRequire } from 'node:module';
import readline from 'node:readline';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH, 'x.js'));
const puppeteer = require('puppeteer-core');

let browser, page;

const ops = {
  async start() {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.TINGO_FIREFOX,
      headless: true,
      args: ['--width=1280', '--height=900'],
      defaultViewport: null, // the window's own size: puppeteer's emulated viewport and Firefox's screenshots disagree
      extraPrefsFirefox: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
    });
    page = await browser.newPage();
    return true;
  },
  async navigate({ url }) { await page.goto(url, { waitUntil: 'load' }); return true; },
  async eval({ js }) {
    const v = await page.evaluate(`(async () => (${js}))()`);
    return v === undefined ? null : v;
  },
  async click({ x, y }) { await page.mouse.click(x, y); return true; },
  async key({ key }) {
    // DOM key names ("Enter", "Escape", "ArrowRight") are puppeteer's; "Shift+Enter" holds Shift.
    const shift = key.startsWith('Shift+');
    if (shift) { key = key.slice(6); await page.keyboard.down('Shift'); }
    try { await page.keyboard.press(key); } finally { if (shift) await page.keyboard.up('Shift'); }
    return true;
  },
  async type({ text }) { await page.keyboard.type(text); return true; },
  async reload() { await page.reload({ waitUntil: 'load' }); return true; },
  async upload({ sel, files }) { const h = await page.$(sel); if (!h) throw new Error('no element ' + sel); await h.uploadFile(...files); return true; },
  async wheel({ x, y, dy }) { await page.mouse.move(x, y); await page.mouse.wheel({ deltaY: dy }); return true; },
  async screenshot() {
    // What the listener sees: the viewport as the browsing context captures it (puppeteer's own
    // viewport screenshot comes out shifted in Firefox).
    return await page.mainFrame().browsingContext.captureScreenshot({ origin: 'viewport' });
  },
  async close() { if (browser) await browser.close(); browser = null; return true; },
};

const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  const { id, op, args } = JSON.parse(line);
  let answer;
  try {
    answer = { id, ok: true, value: await ops[op](args || {}) };
  } catch (e) {
    answer = { id, ok: false, error: String(e && e.message || e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
if (browser) await browser.close();
