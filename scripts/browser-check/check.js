// Opens a Nebula report page (file://) in Debian's headless Chromium and checks what a reader would see:
// every chart is an inline SVG with a size, every table has rows and sorts on a click, nothing was fetched from
// the network, no request failed and no script error occurred. Writes a full-page screenshot.
// Usage: node check.js PAGE.html SCREENSHOT.png [MIN_CHARTS] [MIN_TABLES]
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const [page, screenshot, minCharts = '1', minTables = '1'] = process.argv.slice(2);
  if (!page || !screenshot) {
    console.error('usage: node check.js PAGE.html SCREENSHOT.png [MIN_CHARTS] [MIN_TABLES]');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const problems = [];
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.on('pageerror', (error) => problems.push('script error: ' + error.message));
    tab.on('console', (message) => { if (message.type() === 'error') problems.push('console error: ' + message.text()); });
    tab.on('requestfailed', (request) => problems.push('request failed: ' + request.url() + ' ' + (request.failure() || {}).errorText));
    tab.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push('the page fetched ' + request.url() + ': it must open offline');
    });
    const url = 'file://' + path.resolve(page);
    const response = await tab.goto(url, { waitUntil: 'load' });
    if (response && !response.ok()) problems.push('loading ' + url + ' answered ' + response.status());

    const charts = await tab.$$eval('svg.chart', (svgs) => svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, shapes: svg.querySelectorAll('path, line, rect, ellipse').length };
    }));
    if (charts.length < Number(minCharts)) problems.push(`${charts.length} charts, expected at least ${minCharts}`);
    charts.forEach((c, i) => {
      if (c.width < 200 || c.height < 150 || c.shapes < 20) problems.push(`chart ${i} is empty or tiny: ${JSON.stringify(c)}`);
    });

    const tables = await tab.$$eval('table.sortable', (ts) => ts.map((t) => ({ id: t.id, rows: t.tBodies[0].rows.length })));
    if (tables.length < Number(minTables)) problems.push(`${tables.length} sortable tables, expected at least ${minTables}`);
    tables.filter((t) => t.rows === 0).forEach((t) => problems.push(`table ${t.id} has no rows`));

    // Sorting works: a click on a header marks it and orders the rows by that column.
    const sorted = await tab.evaluate(() => {
      const table = [...document.querySelectorAll('table.sortable')].find((t) => t.tBodies[0].rows.length > 2);
      if (!table) return { skipped: true };
      const header = table.tHead.rows[0].cells[0];
      header.click();
      const first = [...table.tBodies[0].rows].map((r) => r.cells[0].textContent);
      header.click();
      const second = [...table.tBodies[0].rows].map((r) => r.cells[0].textContent);
      const ascending = first.every((v, i) => i === 0 || first[i - 1].localeCompare(v) <= 0);
      return { marked: header.classList.contains('sorted-desc'), ascending, reversed: second[0] === first[first.length - 1] };
    });
    if (!sorted.skipped && !(sorted.marked && sorted.ascending && sorted.reversed)) {
      problems.push('sorting a table by its first column did not work: ' + JSON.stringify(sorted));
    }

    await tab.screenshot({ path: screenshot, fullPage: true });
    console.log(`browser check: ${url}: ${charts.length} charts, ${tables.length} sortable tables, screenshot ${screenshot}`);
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    problems.forEach((p) => console.error('browser check failed: ' + p));
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('browser check failed: ' + error.message);
  process.exit(1);
});
