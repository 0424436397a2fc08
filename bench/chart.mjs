// Draws the benchmark's chart with Chart.js in headless Chromium (Debian's, driven by
// playwright-core) and saves it as a PNG: no native canvas module needed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export async function renderChart(results, file) {
  const chartJs = await readFile(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), 'utf8');
  const names = {
    portcullis: 'Portcullis',
    bare: 'bare reference',
    bcrypt5: 'bcrypt cost 5',
    bcrypt10: 'bcrypt cost 10',
  };
  const keys = Object.keys(names);
  const data = {
    labels: keys.map((k) => names[k]),
    throughput: keys.map((k) => results.throughput[k].requestsPerSecond),
    p50: keys.map((k) => results.fixedRate[k].p50),
    p99: keys.map((k) => results.fixedRate[k].p99),
  };
  const browser = await chromium.launch({
    executablePath: process.env.PORTCULLIS_TEST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 500 } });
    await page.setContent(`<html><body style="margin:0;background:#fff;font-family:sans-serif">
      <div style="display:flex"><canvas id="a" width="600" height="500"></canvas><canvas id="b" width="600" height="500"></canvas></div>
      <script>${chartJs}</script>
      <script>
        const d = ${JSON.stringify(data)};
        const common = { animation: false, responsive: false, plugins: { legend: { position: 'bottom' } } };
        new Chart(document.getElementById('a'), { type: 'bar', data: { labels: d.labels, datasets: [{ label: 'tokens/s (64 connections)', data: d.throughput, backgroundColor: ['#3f51b5', '#9e9e9e', '#ff9800', '#f44336'] }] }, options: { ...common, plugins: { ...common.plugins, title: { display: true, text: 'Token throughput' } } } });
        new Chart(document.getElementById('b'), { type: 'bar', data: { labels: d.labels, datasets: [{ label: 'p50 (ms)', data: d.p50, backgroundColor: '#3f51b5' }, { label: 'p99 (ms)', data: d.p99, backgroundColor: '#ff9800' }] }, options: { ...common, scales: { y: { type: 'logarithmic' } }, plugins: { ...common.plugins, title: { display: true, text: 'Latency at ${1000} tokens/s (log scale)' } } } });
      </script></body></html>`);
    await page.screenshot({ path: file });
  } finally {
    await browser.close();
  }
}
