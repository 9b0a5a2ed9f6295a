// Loads nebula serve's page in headless Chromium, invokes fib(90) cold on java and exp(S) warm on chicory-compiler
// through the form, and checks that the page shows the right answers with their timings, and that a bad n shows the
// server's error. Usage: node serve-page.mjs http://127.0.0.1:PORT/   (exit 0 = all seen; ServePageBrowserTest runs it)
import { chromium } from 'playwright-core';

const url = process.argv[2];
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
  if (pageErrors.length > 0) {
    console.error('script errors on the page: ' + pageErrors.join('; '));
    failed = true;
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
