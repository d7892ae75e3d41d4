// Draws the Grafana dashboard (../kc-consent-dashboard.json) as one HTML page, from a Prometheus that scraped a
// real run: every panel's own queries, run by that Prometheus over the given time range, laid out on the
// dashboard's own grid. It exists because Grafana cannot be installed on the development machines (Debian 12
// does not package it, and nothing else is reachable); the charts are drawn with uPlot, the library Grafana's
// time-series panels use. It reads the dashboard rather than copying it, so the picture cannot drift from the file.
//
//   node render.mjs --prometheus http://127.0.0.1:9090 --start <unix s> --end <unix s> --out page.html
//                   [--step 5] [--rate-interval 1m] [--realm '.*'] [--dashboard ../kc-consent-dashboard.json]
//
// Only what the dashboard uses is understood: rows, time-series and stat panels, the $realm variable,
// $__rate_interval, legendFormat, the units ops, s and short, stat thresholds and the legend's mean and max.
// Anything else fails loudly rather than drawing something the dashboard does not say.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function options(argv) {
    const out = {
        dashboard: join(here, '..', 'kc-consent-dashboard.json'), step: '5', 'rate-interval': '1m', realm: '.*',
    };
    for (let i = 2; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
            throw new Error(`usage: see the head of render.mjs (at ${argv[i]})`);
        }
        out[argv[i].slice(2)] = argv[i + 1];
    }
    for (const required of ['prometheus', 'start', 'end', 'out']) {
        if (!out[required]) {
            throw new Error(`--${required} is required`);
        }
    }
    return out;
}

const opts = options(process.argv);
const start = Number(opts.start);
const end = Number(opts.end);
const step = Number(opts.step);
const dashboard = JSON.parse(readFileSync(opts.dashboard, 'utf8'));

function expand(expr) {
    return expr.replaceAll('$__rate_interval', opts['rate-interval']).replaceAll('$realm', opts.realm);
}

async function prometheus(path, params) {
    const url = new URL(path, opts.prometheus);
    for (const [k, v] of Object.entries(params)) {
        url.searchParams.set(k, String(v));
    }
    const response = await fetch(url);
    const body = await response.json();
    if (body.status !== 'success') {
        throw new Error(`${params.query}: ${body.error}`);
    }
    return body.data.result;
}

function legend(format, metric) {
    return (format || '').replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label) => metric[label] ?? '').trim()
        || JSON.stringify(metric);
}

// One time axis for every series of a panel, the query's own steps.
const times = [];
for (let t = start; t <= end; t += step) {
    times.push(t);
}

async function timeSeries(panel) {
    const series = [];
    for (const target of panel.targets) {
        const result = await prometheus('/api/v1/query_range', { query: expand(target.expr), start, end, step });
        for (const s of result) {
            const byTime = new Map(s.values.map(([t, v]) => [Math.round(t), Number(v)]));
            series.push({
                label: legend(target.legendFormat, s.metric),
                values: times.map(t => (byTime.has(t) && Number.isFinite(byTime.get(t)) ? byTime.get(t) : null)),
            });
        }
    }
    series.sort((a, b) => a.label.localeCompare(b.label));
    return series;
}

async function stat(panel) {
    const values = [];
    for (const target of panel.targets) {
        const result = await prometheus('/api/v1/query', { query: expand(target.expr), time: end });
        for (const s of result) {
            values.push({ label: legend(target.legendFormat, s.metric), value: Number(s.value[1]) });
        }
    }
    values.sort((a, b) => a.label.localeCompare(b.label));
    return values;
}

const panels = [];
for (const panel of dashboard.panels) {
    const unit = panel.fieldConfig?.defaults?.unit ?? 'short';
    if (!['ops', 's', 'short'].includes(unit)) {
        throw new Error(`unit ${unit} (${panel.title}) is not drawn by this preview`);
    }
    const base = { type: panel.type, title: panel.title, grid: panel.gridPos, unit };
    if (panel.type === 'row') {
        panels.push(base);
    } else if (panel.type === 'timeseries') {
        panels.push({ ...base, series: await timeSeries(panel) });
    } else if (panel.type === 'stat') {
        panels.push({ ...base, values: await stat(panel), thresholds: panel.fieldConfig.defaults.thresholds.steps });
    } else {
        throw new Error(`panel type ${panel.type} (${panel.title}) is not drawn by this preview`);
    }
}

const uplotJs = readFileSync(join(here, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
const uplotCss = readFileSync(join(here, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
const page = readFileSync(join(here, 'page.html'), 'utf8')
    .replace('/*UPLOT_CSS*/', () => uplotCss)
    .replace('/*UPLOT_JS*/', () => uplotJs)
    .replace('/*DATA*/', () => JSON.stringify({
        title: dashboard.title, realm: opts.realm, start, end, times, panels,
    }).replaceAll('<', '\\u003c'));
writeFileSync(opts.out, page);
const drawn = panels.filter(p => p.type !== 'row');
const empty = drawn.filter(p => (p.series ?? p.values).length === 0).map(p => p.title);
console.log(`${drawn.length} panels from ${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}`
    + ` -> ${opts.out}; without data: ${empty.length ? empty.join('; ') : 'none'}`);
