// Loads nebula serve's page in headless Chromium, invokes fib(90) cold on java and exp(S) warm on chicory-compiler
// through the form, and checks that the page shows the right answers with their timings, and that a bad n shows the
// server's error; with a module file, uploads it through the upload form as "collatz" (check n = 27, on chicory-compiler),
// sees it listed and invokes it. Usage: node serve-page.mjs http://127.0.0.1:PORT/ [collatz.wasm]
// (exit 0 = all seen; ServePageBrowserTest runs it)
import { chromium } from 'playwright-core';

const url = process.argv[2];
const collatzModule = process.argv[3];
if (!url) {
  console.error('usage: node serve-page.mjs http://127.0.0.1:PORT/');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.NEBULA_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('#runtime option[value="chicory-compiler"]', { state: 'attached' });

  async function invoke(runtime, fn, n, start) {
    await page.selectOption('#runtime', runtime);
    await page.selectOption('#fn', fn);
    await page.fill('#n', n);
    await page.check(`input[name=start][value=${start}]`);
    await page.click('#go');
    await page.waitForFunction(() => !document.getElementById('answer').textContent.startsWith('running'), null, { timeout: 60000 });
    const answer = await page.textContent('#answer');
    const phases = await page.$$eval('#timings:not([hidden]) tbody tr', rows => rows.map(row => row.cells[0].textContent));
    console.log(JSON.stringify({ runtime, fn, n, start, answer, phases }));
    return { answer, phases };
  }

  const cold = await invoke('java', 'fib', '90', 'cold');
  if (!cold.answer.includes('fib(90) = 2880067194370816120') || !cold.answer.includes('matches the reference')
      || cold.phases.join(',') !== 'start,invoke,close,total,queue') {
    console.error('the cold fib(90) answer or its timings are not shown');
    failed = true;
  }
  const warm = await invoke('chicory-compiler', 'exp', 'S', 'warm');
  if (!/^exp\(709\) = 8\.2\d*E307 on chicory-compiler, warm ✓ matches the reference$/.test(warm.answer) || !warm.phases.includes('invoke')) {
    console.error('the warm exp(S) answer or its timings are not shown');
    failed = true;
  }
  const bad = await invoke('java', 'fib-rec', '41', 'cold');
  if (!bad.answer.includes('400 bad-input: n=41 is out of range for fib-rec; valid: 0 ≤ n ≤ 40') || bad.phases.length !== 0) {
    console.error('the error for n=41 is not shown');
    failed = true;
  }
  if (collatzModule) {
    await page.fill('#upload-name', 'collatz');
    await page.setInputFiles('#upload-file', collatzModule);
    await page.fill('#upload-check', '27');
    await page.fill('#upload-runtimes', 'chicory-compiler');
    await page.click('#upload-go');
    await page.waitForSelector('#upload-collatz', { timeout: 60000 });
    const uploaded = await page.textContent('#upload-answer');
    const listed = await page.textContent('#upload-collatz');
    console.log(JSON.stringify({ uploaded, listed }));
    if (!uploaded.includes('deployed collatz on chicory-compiler; check: n = 27 answered 111') || !listed.includes('27 → 111')) {
      console.error('the upload of collatz is not shown, or not listed');
      failed = true;
    }
    const mine = await invoke('chicory-compiler', 'collatz', '871', 'warm');
    if (!mine.answer.includes('collatz(871) = 178 on chicory-compiler, warm ✓') || !mine.phases.includes('invoke')) {
      console.error('the uploaded collatz does not answer through the form');
      failed = true;
    }
  }
  if (pageErrors.length > 0) {
    console.error('script errors on the page: ' + pageErrors.join('; '));
    failed = true;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
