// Opens each SVG chart of a Markdown report in headless Chromium and checks that every text, as the
// browser's own fonts draw it, lies inside the chart's viewBox: no legend, label or title cut off.
// Usage: node svg_test.cjs PLAYWRIGHT_CORE_DIR CHROMIUM CHART.svg...
'use strict';
const path = require('path');
const [playwrightDir, chromium, ...files] = process.argv.slice(2);
const { chromium: launcher } = require(playwrightDir);

(async () => {
  const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    for (const file of files) {
      await page.goto('file://' + path.resolve(file));
      const outside = await page.evaluate(() => {
        const svg = document.querySelector('svg');
        const view = svg.viewBox.baseVal;
        const out = [];
        for (const text of svg.querySelectorAll('text')) {
          // The box in the SVG's own units, through any rotation of the text.
          const box = text.getBBox();
          const m = text.getCTM().inverse().multiply(svg.getCTM()).inverse();
          const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height],
            [box.x + box.width, box.y + box.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
          const xs = corners.map((p) => p.x), ys = corners.map((p) => p.y);
          const slack = 0.5;
          if (Math.min(...xs) < view.x - slack || Math.max(...xs) > view.x + view.width + slack ||
              Math.min(...ys) < view.y - slack || Math.max(...ys) > view.y + view.height + slack) {
            out.push(`'${text.textContent}' at [${Math.min(...xs).toFixed(1)}, ${Math.max(...xs).toFixed(1)}] x ` +
              `[${Math.min(...ys).toFixed(1)}, ${Math.max(...ys).toFixed(1)}] in ${view.width} x ${view.height}`);
          }
        }
        return out;
      });
      for (const o of outside) problems.push(`${path.basename(file)}: ${o}`);
    }
    console.log(`SVG charts checked: ${files.length}`);
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
