import { Routes } from '@angular/router';

/** Feature pages arrive as lazy-loaded routes (console issue). */
export const routes: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./home/home').then((m) => m.Home) },
  { path: '**', redirectTo: '' },
];
