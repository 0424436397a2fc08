import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { ProblemBanner } from '../shared/problem-banner';
import { ActivityChart } from './activity-chart';
import { DashboardStore } from './dashboard.store';

/** The landing page: registries at a glance, activity, and what was refused lately. */
@Component({
  selector: 'pc-dashboard-page',
  imports: [DatePipe, RouterLink, MatButtonModule, ProblemBanner, ActivityChart],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.css',
})
export class DashboardPage implements OnInit {
  protected readonly store = inject(DashboardStore);
  protected readonly session = inject(SessionStore);
  protected readonly origin = window.location.origin;
  protected readonly totals = computed(() => {
    const registries = this.store.registries();
    const activity = this.store.activity();
    return {
      registries: registries.length,
      down: registries.filter((r) => r.discoveryState === 'down').length,
      repositories: registries.reduce((sum, r) => sum + r.repositoryCount, 0),
      pushes: activity.reduce((sum, d) => sum + d.pushes, 0),
      pulls: activity.reduce((sum, d) => sum + d.pulls, 0),
    };
  });

  ngOnInit(): void {
    void this.store.load();
  }
}
