// Charts of printed reports as SVG, rendered on the server by ECharts (no browser needed).
import * as echarts from 'echarts';
import type { BulletinSection } from '../areas/bulletins/rules.ts';
import type { Labels } from './labels.ts';

function svg(option: echarts.EChartsOption, width = 680, height = 240): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans SC, sans-serif' }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

export function trendSvg(points: Extract<BulletinSection, { kind: 'trend' }>['points'], l: Labels): string {
  return svg({
    legend: { data: [l.declineRate, l.trajectory], bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: l.declineRate, type: 'line', data: points.map((p) => p.declineRate), color: '#b71c1c' },
      {
        name: l.trajectory,
        type: 'line',
        data: points.map((p) => p.trajectory),
        color: '#9e9e9e',
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
    ],
  });
}

export function rankingSvg(units: Extract<BulletinSection, { kind: 'ranking' }>['units'], l: Labels): string {
  return svg({
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      {
        name: l.declineRate,
        type: 'bar',
        data: units.map((u) => ({
          value: u.declineRate ?? 0,
          itemStyle: { color: u.onTrack === false ? '#b71c1c' : '#1565c0' },
        })),
      },
    ],
  });
}

/** Arrests and surrenders of each unit of a ranking, stacked: the two ways a capture is made. */
export function capturesSvg(
  units: Extract<BulletinSection, { kind: 'ranking' }>['units'],
  l: Labels,
): string {
  return svg({
    legend: { data: [l.arrests, l.surrenders], bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 80 },
    xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: l.arrests,
        type: 'bar',
        stack: 'captures',
        data: units.map((u) => u.arrests ?? 0),
        color: '#1565c0',
      },
      {
        name: l.surrenders,
        type: 'bar',
        stack: 'captures',
        data: units.map((u) => u.surrenders ?? 0),
        color: '#90caf9',
      },
    ],
  });
}

/** Homicide decline rate of each unit below the issuing one (the first row is the issuing unit). */
export function homicideSvg(
  units: Extract<BulletinSection, { kind: 'homicide' }>['units'],
  l: Labels,
): string {
  const below = units.slice(1);
  return svg({
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: below.map((u) => u.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      {
        name: l.homicideDeclineRate,
        type: 'bar',
        data: below.map((u) => u.declineRate ?? 0),
        color: '#6a1b9a',
      },
    ],
  });
}
