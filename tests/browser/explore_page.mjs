#!/usr/bin/env node
// A real browser on the gateway's Explore page (lib/gateway/explore/explore_page.html): Debian's
// Chromium, driven by puppeteer-core, clicks through an operation of the sandbox catalog's
// weather API, calls it with the right and the wrong credentials, opens the analytics, and
// takes screenshots at a desktop and a phone viewport.
//
//   node tests/browser/explore_page.mjs --page URL --screenshot OUT.png
//        [--expect-title TEXT] [--expect-body TEXT]
//
// URL is the page (http://HOST:PORT/-/explore) of a gateway serving a catalog where the weather
// API's GET /current answers 200 to the catalog's test app. puppeteer-core is loaded from
// $APICAT_NODE_MODULES (default: .cache/npm-browser/node_modules in the repository), installed
// with `npm install --prefix .cache/npm-browser puppeteer-core@VERSION` (see package.json here).
// Prints one `ok - ...` / `not ok - ...` line per check, then `N passed, N failed`; exits 0
// only when every check passed.

import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const STEP_TIMEOUT_MS = 30_000;
const CHROMIUM = '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 900, deviceScaleFactor: 1 };
const PHONE = { width: 375, height: 812, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// What the test relies on in the page, beyond labels and button texts.
const SEL = {
  response: '#response',            // data-seq counts the calls that finished
  status: '#response-status',
  time: '#response-time',
  body: '#response-body',
  headers: '#response-headers',
  curl: '#curl-line',
  chart: '#analytics-chart svg',
  bars: '#analytics-chart svg rect.bar',
  topApps: '#top-apps tbody tr:not(.empty)',
  topOperations: '#top-operations tbody tr:not(.empty)',
};

function usage(message) {
  if (message) console.error(`explore_page.mjs: ${message}`);
  console.error('usage: node tests/browser/explore_page.mjs --page URL --screenshot OUT.png [--expect-title TEXT] [--expect-body TEXT]');
  process.exit(2);
}

function parseArgs(argv) {
  const out = { expectBody: '"zip"' };
  const names = { '--page': 'page', '--screenshot': 'screenshot', '--expect-title': 'expectTitle', '--expect-body': 'expectBody' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!(flag in names)) usage(`unknown argument '${a}'`);
    let value;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      value = argv[++i];
    }
    out[names[flag]] = value;
  }
  if (!out.page) usage('--page is required');
  if (!out.screenshot) usage('--screenshot is required');
  if (!/\.png$/i.test(out.screenshot)) usage('--screenshot must name a .png file');
  try { new URL(out.page); } catch { usage(`--page is not a URL: ${out.page}`); }
  return out;
}

async function loadPuppeteer() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const modules = process.env.APICAT_NODE_MODULES || path.join(here, '..', '..', '.cache', 'npm-browser', 'node_modules');
  let resolved;
  try {
    resolved = createRequire(path.join(path.resolve(modules), 'noop.js')).resolve('puppeteer-core');
  } catch {
    console.error(`explore_page.mjs: puppeteer-core not found under ${modules}; install it with\n` +
      `  npm install --prefix .cache/npm-browser --no-audit --no-fund puppeteer-core@<version in tests/browser/package.json>\n` +
      'or point APICAT_NODE_MODULES at a node_modules that has it');
    process.exit(2);
  }
  const mod = await import(pathToFileURL(resolved).href);
  return mod.default && typeof mod.default.launch === 'function' ? mod.default : mod;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim().slice(0, 400);

const args = parseArgs(process.argv.slice(2));
const puppeteer = await loadPuppeteer();

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    const note = await withTimeout(Promise.resolve().then(fn), STEP_TIMEOUT_MS, name);
    passed++;
    console.log(`ok - ${name}${note ? ` # ${note}` : ''}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${oneLine(e && e.message ? e.message : e)}`);
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }

let browser;
// A hung browser must not hang the test: close it and stop, whatever the state.
const watchdog = setTimeout(async () => {
  console.log('not ok - the whole run took more than 5 minutes');
  try { if (browser) await withTimeout(browser.close(), 5000, 'close'); } catch { /* gone */ }
  process.exit(1);
}, 5 * 60_000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    try { if (browser) await withTimeout(browser.close(), 5000, 'close'); } catch { /* gone */ }
    process.exit(130);
  });
}

const dialogs = [];
const pageErrors = [];
const requested = new Set();
let page;
let servedHtml = '';
let endpoint = '';
let testAppId = '';

// In-page helpers, by label text and button text as a person finds them.
async function inputByLabel(text) {
  const handle = await page.evaluateHandle((t) => {
    const label = [...document.querySelectorAll('label[for]')].find((l) => l.textContent.trim() === t);
    return label ? document.getElementById(label.htmlFor) : null;
  }, text);
  const el = handle.asElement();
  if (!el) { await handle.dispose(); return null; }
  return el;
}
async function value(el) { return el.evaluate((e) => e.value); }
async function setValue(el, v) {
  await el.evaluate((e) => { e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); });
  if (v !== '') await el.type(v);
}
async function clickButton(text) {
  const handle = await page.evaluateHandle((t) => [...document.querySelectorAll('button, a, [role="tab"]')]
    .find((b) => b.textContent.trim() === t && b.offsetParent !== null) || null, text);
  const el = handle.asElement();
  assert(el, `no visible button "${text}"`);
  await el.click();
  await el.dispose();
}
async function textOf(selector) {
  return page.$eval(selector, (e) => e.textContent).catch(() => null);
}
// Opens GET /current from the list of operations, waits for its "Client ID" input.
async function openCurrent() {
  const findOp = () => {
    const re = /(^|[^\w/])\/current(?![\w/-])/;
    return [...document.querySelectorAll('button, a')]
      .find((e) => /\bGET\b/.test(e.textContent) && re.test(e.textContent)) || null;
  };
  await page.waitForFunction(findOp);
  const handle = await page.evaluateHandle(findOp);
  await handle.asElement().click();
  await handle.dispose();
  await page.waitForFunction(() => [...document.querySelectorAll('label[for]')].some((l) => l.textContent.trim() === 'Client ID'));
}
async function callOperation() {
  const before = await page.$eval(SEL.response, (e) => e.getAttribute('data-seq'));
  await clickButton('Call operation');
  await page.waitForFunction((sel, b) => {
    const r = document.querySelector(sel);
    return r && r.getAttribute('data-seq') !== b;
  }, { timeout: STEP_TIMEOUT_MS }, SEL.response, before);
  return {
    status: oneLine(await textOf(SEL.status) || ''),
    body: await textOf(SEL.body) || '',
  };
}

try {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
    timeout: STEP_TIMEOUT_MS,
    protocolTimeout: STEP_TIMEOUT_MS * 2,
  });
  page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await page.setViewport(DESKTOP);
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    try { await d.dismiss(); } catch { /* already handled */ }
  });
  page.on('pageerror', (e) => pageErrors.push(oneLine(e && e.message ? e.message : e)));
  page.on('request', (r) => requested.add(r.url()));

  await check('a: the page lists GET /current of the weather API, and it opens', async () => {
    const res = await page.goto(args.page, { waitUntil: 'load' });
    assert(res, 'no response for the page');
    assert(res.ok(), `the page answered ${res.status()}`);
    servedHtml = await res.text();
    await openCurrent();
  });

  await check('b: "Client ID" and "Client secret" are pre-filled, zipcode takes 90210', async () => {
    const id = await inputByLabel('Client ID');
    const secret = await inputByLabel('Client secret');
    const zip = await inputByLabel('zipcode');
    const ep = await inputByLabel('Endpoint');
    assert(id, 'no input labelled "Client ID"');
    assert(secret, 'no input labelled "Client secret"');
    assert(zip, 'no input labelled "zipcode"');
    assert(ep, 'no input labelled "Endpoint"');
    testAppId = await value(id);
    assert(testAppId !== '', 'Client ID is empty');
    assert(await value(secret) !== '', 'Client secret is empty');
    endpoint = (await value(ep)).trim();
    assert(/^https?:\/\//.test(endpoint), `Endpoint is not a URL: ${endpoint}`);
    await setValue(zip, '90210');
    assert(await value(zip) === '90210', 'zipcode did not take 90210');
  });

  await check(`c: "Call operation" shows 200, the body with ${args.expectBody} pretty-printed, the headers and a curl line`, async () => {
    const r = await callOperation();
    assert(/^200\b/.test(r.status), `status shown: "${r.status}"`);
    assert(r.body.includes(args.expectBody), `the body does not contain ${args.expectBody}: ${oneLine(r.body)}`);
    let parsed;
    try { parsed = JSON.parse(r.body); } catch { parsed = undefined; }
    if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) {
      assert(r.body.trim() === JSON.stringify(parsed, null, 2), 'the JSON body is not pretty-printed');
    }
    const headers = oneLine(await textOf(SEL.headers) || '').toLowerCase();
    assert(headers.includes('content-type'), `no content-type among the response headers shown: "${headers}"`);
    const time = oneLine(await textOf(SEL.time) || '');
    assert(/\d/.test(time), 'no time taken shown');
    const curl = await textOf(SEL.curl) || '';
    assert(/^curl\b/.test(curl.trim()), `no curl line: ${oneLine(curl)}`);
    assert(curl.includes(testAppId), 'the curl line lacks the Client ID');
    const base = endpoint.replace(/\/+$/, '');
    assert(curl.includes(`'${base}/`), `the curl line lacks the endpoint ${base}: ${oneLine(curl)}`);
    assert(curl.includes('/current?zipcode=90210'), `the curl line lacks /current?zipcode=90210: ${oneLine(curl)}`);
    return `${r.status}, ${time}`;
  });

  await check('d: an unregistered Client ID gets 401 "Client ID not registered"', async () => {
    const id = await inputByLabel('Client ID');
    assert(id, 'no input labelled "Client ID"');
    await setValue(id, crypto.randomBytes(16).toString('hex'));
    const r = await callOperation();
    assert(/^401\b/.test(r.status), `status shown: "${r.status}"`);
    assert(r.body.includes('Client ID not registered'), `body: ${oneLine(r.body)}`);
  });

  await check('e: no Client secret gets 401 "Client secret missing"', async () => {
    const id = await inputByLabel('Client ID');
    const secret = await inputByLabel('Client secret');
    assert(id && secret, 'the credential inputs are gone');
    await setValue(id, testAppId);
    await setValue(secret, '');
    const r = await callOperation();
    assert(/^401\b/.test(r.status), `status shown: "${r.status}"`);
    assert(r.body.includes('Client secret missing'), `body: ${oneLine(r.body)}`);
  });

  if (args.expectTitle === undefined) {
    console.log('ok - f: the title is shown as text, no script injected, no dialog # SKIP no --expect-title');
    passed++;
  } else {
    await check(`f: the title ${JSON.stringify(args.expectTitle)} is shown as text, no script injected, no dialog`, async () => {
      const shown = await page.evaluate((t) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (parent && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName) && n.nodeValue.includes(t)) return true;
        }
        return false;
      }, args.expectTitle);
      assert(shown, 'no element shows the title verbatim');
      const served = (servedHtml.match(/<script\b/gi) || []).length;
      const inDom = await page.evaluate(() => document.querySelectorAll('script').length);
      assert(inDom === served, `${inDom} <script> elements in the document, ${served} in the page as served`);
      const handlers = await page.evaluate(() => [...document.querySelectorAll('*')]
        .flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName.toLowerCase()}[${a.name}]`)));
      assert(handlers.length === 0, `event-handler attributes in the document: ${handlers.join(', ')}`);
      assert(dialogs.length === 0, `dialogs opened: ${dialogs.join('; ')}`);
    });
  }

  await check('g: Analytics shows a chart with bars, top apps and top operations', async () => {
    await clickButton('Analytics');
    const deadline = Date.now() + STEP_TIMEOUT_MS - 5000;
    let last = {};
    for (;;) {
      last = await page.evaluate((sel) => ({
        svg: !!document.querySelector(sel.chart),
        bars: [...document.querySelectorAll(sel.bars)].filter((r) => Number(r.getAttribute('height')) > 0 && Number(r.getAttribute('width')) > 0).length,
        apps: document.querySelectorAll(sel.topApps).length,
        operations: document.querySelectorAll(sel.topOperations).length,
      }), SEL);
      if (last.svg && last.bars > 0 && last.apps > 0 && last.operations > 0) break;
      // The gateway records calls in batches: ask again until they are in.
      if (Date.now() > deadline) {
        throw new Error(`svg: ${last.svg}, bars: ${last.bars}, top apps rows: ${last.apps}, top operations rows: ${last.operations}`);
      }
      await sleep(1000);
      await clickButton('Refresh').catch(() => {});
    }
    return `${last.bars} bars, ${last.apps} apps, ${last.operations} operations`;
  });

  await check('h: screenshots at desktop and phone size, no sideways scrolling on the phone', async () => {
    const out = path.resolve(args.screenshot);
    const named = (suffix) => out.replace(/\.png$/i, `${suffix}.png`);
    // From the top, so that the sticky header is drawn once, where it belongs.
    const shoot = async (file) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await sleep(100);
      await page.screenshot({ path: file, fullPage: true });
    };
    await shoot(named('-analytics'));
    await clickButton('APIs');
    await page.waitForFunction((sel) => document.querySelector(sel) !== null, {}, SEL.status);
    await shoot(out);
    // A phone viewport (isMobile) reloads the page: call the operation again, so that the
    // picture shows an answer.
    await page.setViewport(PHONE);
    await page.waitForFunction(() => document.readyState === 'complete');
    await openCurrent();
    const zip = await inputByLabel('zipcode');
    assert(zip, 'no input labelled "zipcode" at phone size');
    await setValue(zip, '90210');
    const r = await callOperation();
    assert(/^200\b/.test(r.status), `status shown at phone size: "${r.status}"`);
    const width = await page.evaluate(() => window.innerWidth);
    assert(width === PHONE.width, `the page lays out ${width}px wide on a ${PHONE.width}px phone (viewport meta?)`);
    const overflowApis = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shoot(named('-phone'));
    await clickButton('Analytics');
    await page.waitForSelector(SEL.chart);
    await sleep(300);
    const overflowAnalytics = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shoot(named('-analytics-phone'));
    assert(overflowApis <= 0, `the APIs view is ${overflowApis}px wider than a 375px phone`);
    assert(overflowAnalytics <= 0, `the Analytics view is ${overflowAnalytics}px wider than a 375px phone`);
    return `${path.basename(out)}, ${path.basename(named('-phone'))} (+ -analytics, -analytics-phone)`;
  });

  await check('i: no uncaught script error, no request but to the page\'s origin and the endpoint', async () => {
    assert(pageErrors.length === 0, `script errors: ${pageErrors.join('; ')}`);
    const allowed = new Set([new URL(args.page).origin]);
    if (endpoint) allowed.add(new URL(endpoint).origin);
    // data: and blob: URLs load nothing from anywhere (Chromium's own error page uses them).
    const foreign = [...requested].filter((u) => /^(https?|wss?):/i.test(u) && !allowed.has(new URL(u).origin));
    assert(foreign.length === 0, `requests elsewhere: ${foreign.join(', ')}`);
    assert(dialogs.length === 0, `dialogs opened: ${dialogs.join('; ')}`);
    return `${requested.size} requests`;
  });
} catch (e) {
  failed++;
  console.log(`not ok - the browser: ${oneLine(e && e.stack ? e.stack : e)}`);
} finally {
  if (browser) {
    try { await withTimeout(browser.close(), 10_000, 'closing the browser'); } catch (e) {
      console.log(`# could not close the browser: ${oneLine(e.message)}`);
      try { browser.process()?.kill('SIGKILL'); } catch { /* gone */ }
    }
  }
  clearTimeout(watchdog);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
