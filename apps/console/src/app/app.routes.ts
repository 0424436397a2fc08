import { Routes } from '@angular/router';
import { enrolled, signedIn } from './core/guards';

/** Every page is a lazy-loaded route; all but sign-in need a session. */
export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Portcullis',
    loadComponent: () => import('./sign-in/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'sign-in/callback',
    title: 'Signing in · Portcullis',
    loadComponent: () => import('./sign-in/sign-in-callback').then((m) => m.SignInCallback),
  },
  {
    path: '',
    canActivate: [signedIn],
    canActivateChild: [enrolled],
    children: [
      {
        path: 'account/two-factor',
        title: 'Two-factor sign-in · Portcullis',
        loadComponent: () => import('./account/two-factor-page').then((m) => m.TwoFactorPage),
      },
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · Portcullis',
        loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
      {
        path: 'registries',
        title: 'Registries · Portcullis',
        loadComponent: () => import('./registries/registries-page').then((m) => m.RegistriesPage),
      },
      {
        path: 'users',
        title: 'Users · Portcullis',
        loadComponent: () => import('./people/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'groups',
        title: 'Groups · Portcullis',
        loadComponent: () => import('./people/groups-page').then((m) => m.GroupsPage),
      },
      {
        path: 'apps',
        title: 'Apps · Portcullis',
        loadComponent: () => import('./people/apps-page').then((m) => m.AppsPage),
      },
      {
        path: 'services',
        title: 'Services · Portcullis',
        loadComponent: () => import('./machines/services-page').then((m) => m.ServicesPage),
      },
      {
        path: 'tokens',
        title: 'Personal access tokens · Portcullis',
        loadComponent: () => import('./tokens/tokens-page').then((m) => m.TokensPage),
      },
      {
        path: 'rules',
        title: 'Rules · Portcullis',
        loadComponent: () => import('./rules/rules-page').then((m) => m.RulesPage),
      },
      {
        path: 'search',
        title: 'Search · Portcullis',
        loadComponent: () => import('./search/search-page').then((m) => m.SearchPage),
      },
      {
        path: 'settings',
        title: 'Signing keys · Portcullis',
        loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
      },
      {
        path: 'audit',
        title: 'Audit log · Portcullis',
        loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage),
      },
      {
        path: 'robots',
        title: 'Robots · Portcullis',
        loadComponent: () => import('./machines/robots-page').then((m) => m.RobotsPage),
      },
      {
        path: 'registries/:id/repositories',
        title: 'Repositories · Portcullis',
        loadComponent: () => import('./repositories/repositories-page').then((m) => m.RepositoriesPage),
      },
      {
        path: 'registries/:id/repositories/:repository',
        title: 'Repository · Portcullis',
        loadComponent: () => import('./repositories/repository-page').then((m) => m.RepositoryPage),
      },
      {
        path: 'registries/:id/repositories/:repository/tags/:tag',
        title: 'Tag · Portcullis',
        loadComponent: () => import('./repositories/tag-page').then((m) => m.TagPage),
      },
      {
        path: 'registries/:id',
        title: 'Registry · Portcullis',
        loadComponent: () => import('./registries/registry-page').then((m) => m.RegistryPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
