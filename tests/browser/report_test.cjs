// Opens a fabcast HTML report from a local file in headless Chromium and checks that every chart
// rendered: vega-embed finished without an error, each chart holds a non-empty SVG with marks, the
// page logged no error, and it asked for nothing over the network; every chart named in REQUIRED
// (ids, comma-separated) is there, and money axes read in dollars ($200B, never 200G). Saves a
// full-page screenshot.
// Usage: node report_test.cjs PLAYWRIGHT_CORE_DIR CHROMIUM REPORT.html SCREENSHOT.png [MIN_CHARTS (default 7)] [REQUIRED]
'use strict';
const path = require('path');
const [playwrightDir, chromium, report, screenshot, minCharts = '7', required = ''] = process.argv.slice(2);
const { chromium: launcher } = require(playwrightDir);

(async () => {
  const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      problems.push('network request at view time: ' + url);
      return route.abort();
    });
    await page.goto('file://' + path.resolve(report));
    await page.waitForFunction(() => window.fabcastReport && window.fabcastReport.done, null, { timeout: 60000 });
    const state = await page.evaluate(() => {
      const charts = Array.from(document.querySelectorAll('.chart')).map((div) => {
        const svg = div.querySelector('svg');
        const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
        // The value axis labels: what a reader sees on the y (or, for a CDF, the x) axis.
        const labels = svg ? Array.from(svg.querySelectorAll('.role-axis-label text')).map((t) => t.textContent) : [];
        return { id: div.id, width: box.width, height: box.height, marks: svg ? svg.querySelectorAll('path').length : 0, labels };
      });
      return { errors: window.fabcastReport.errors, charts };
    });
    problems.push(...state.errors.map((e) => 'vega-embed: ' + e));
    if (state.charts.length < Number(minCharts)) problems.push(`expected at least ${minCharts} charts, found ${state.charts.length}`);
    for (const c of state.charts) {
      if (c.width < 100 || c.height < 100 || c.marks < 2) problems.push(`chart ${c.id} did not render: ${JSON.stringify(c)}`);
    }
    for (const id of required.split(',').filter((x) => x)) {
      if (!state.charts.some((c) => c.id === 'chart-' + id)) problems.push(`chart ${id} is missing`);
    }
    // Money axes: dollars with a scale word, not SI prefixes.
    for (const id of ['chart-spend', 'chart-cdf-committed_usd', 'chart-cdf-npv_usd']) {
      const c = state.charts.find((x) => x.id === id);
      if (!c) continue;
      const money = c.labels.filter((l) => l.includes('$'));
      if (money.length < 2) problems.push(`${id}: no dollar axis labels in ${JSON.stringify(c.labels)}`);
      const si = c.labels.filter((l) => /[0-9][GkPE]$/.test(l));
      if (si.length) problems.push(`${id}: SI prefixes on a money axis: ${JSON.stringify(si)}`);
    }
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`charts rendered: ${state.charts.map((c) => c.id).join(', ')}; screenshot ${screenshot}`);
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.error('FAILED:\n  ' + problems.join('\n  '));
    process.exit(1);
  }
})().catch((e) => {
  console.error('FAILED: ' + e);
  process.exit(1);
});
