import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ProblemBanner } from '../shared/problem-banner';
import { SettingsStore } from './settings.store';

/**
 * Signing keys: what registries must trust (the certificate bundle) and the keys Portcullis
 * publishes, by the libtrust key id that tokens carry in their `kid`.
 */
@Component({
  selector: 'pc-settings-page',
  imports: [MatButtonModule, MatCheckboxModule, ProblemBanner],
  providers: [SettingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings-page.html',
})
export class SettingsPage implements OnInit {
  private readonly store = inject(SettingsStore);
  protected readonly keys = this.store.keys;
  protected readonly problem = this.store.problem;
  protected readonly twoFactorRequired = this.store.twoFactorRequired;

  ngOnInit(): void {
    void this.store.load();
  }

  protected requireTwoFactor(required: boolean): Promise<void> {
    return this.store.requireTwoFactor(required);
  }
}
