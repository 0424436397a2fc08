import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ActivityDay {
  day: string;
  pushes: number;
  pulls: number;
}

/** Pushes and pulls per day as bars (Chart.js), with the same figures as a table for screen readers. */
@Component({
  selector: 'pc-activity-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activity-chart.html',
  styles: `
    .chart {
      position: relative;
      height: 14rem;
    }
  `,
})
export class ActivityChart {
  readonly days = input.required<ActivityDay[]>();
  readonly label = input('Pushes and pulls per day');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar'> | undefined;

  constructor() {
    afterRenderEffect(() => {
      const days = this.days();
      const data = {
        labels: days.map((d) => d.day.slice(5)),
        datasets: [
          { label: 'Pushes', data: days.map((d) => d.pushes), backgroundColor: '#005cbb' },
          { label: 'Pulls', data: days.map((d) => d.pulls), backgroundColor: '#8e9099' },
        ],
      };
      if (this.chart) {
        this.chart.data = data;
        this.chart.update();
      } else {
        this.chart = new Chart(this.canvas().nativeElement, {
          type: 'bar',
          data,
          options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}
