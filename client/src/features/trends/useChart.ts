import { useEffect, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';

/**
 * Draws a Chart.js chart on the returned canvas and redraws it when `config` changes. Chart.js is
 * loaded on first use (its own bundle chunk): pages without a chart never fetch it.
 */
export function useChart(config: ChartConfiguration | null) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!config || !canvas.current) return;
    let chart: { destroy(): void } | null = null;
    let gone = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (gone || !canvas.current) return;
      chart = new Chart(canvas.current, config);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [config]);
  return canvas;
}
