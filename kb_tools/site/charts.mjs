// Render ECharts options to static SVG at build time (ECharts' server-side renderer).
// Usage: node charts.mjs <node_modules folder>  < [{key, width, height, option}]  > {key: svg}
// The atlas page embeds the SVGs, so it shows its charts without JavaScript, prints them and
// loads nothing from another host.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import process from "node:process";

const modules = process.argv[2];
const echarts = createRequire(path.join(modules, "noop.js"))("echarts");
const charts = JSON.parse(readFileSync(0, "utf8"));
const out = {};
for (const { key, width, height, option } of charts) {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height, locale: "DE" });
  chart.setOption({ animation: false, ...option });
  out[key] = chart.renderToSVGString();
  chart.dispose();
}
process.stdout.write(JSON.stringify(out));
