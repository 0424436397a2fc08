import { CdkDrag, type CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Problem } from '../core/problem';
import { ProblemBanner } from '../shared/problem-banner';
import { MATCH_FIELDS, type Rule, describeMatch, fillRuleForm, moved, ruleBody, ruleForm } from './rule-form';
import { RulesStore } from './rules.store';
import { Simulator } from './simulator';

/** The live rules, first match wins: reorder them, edit them, and try the policy beside them. */
@Component({
  selector: 'pc-rules-page',
  imports: [
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemBanner,
    Simulator,
  ],
  providers: [RulesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rules-page.html',
  styleUrl: './rules-page.css',
})
export class RulesPage implements OnInit {
  protected readonly store = inject(RulesStore);
  protected readonly form = ruleForm();
  protected readonly fields = MATCH_FIELDS;
  /** The rule being edited: its id, `new`, or null when the form is closed. */
  protected readonly editing = signal<number | 'new' | null>(null);
  protected readonly saving = signal(false);
  protected readonly formProblem = signal<Problem | null>(null);
  protected readonly describe = describeMatch;
  protected readonly actionsOf = (rule: Rule) =>
    rule.actions.length === 0 ? 'deny' : rule.actions.includes('*') ? 'everything asked' : rule.actions.join(', ');

  ngOnInit(): void {
    void this.store.load();
  }

  protected edit(rule: Rule | null): void {
    this.form.reset();
    if (rule) fillRuleForm(this.form, rule);
    this.formProblem.set(null);
    this.editing.set(rule ? rule.id : 'new');
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const editing = this.editing();
    this.saving.set(true);
    this.formProblem.set(null);
    try {
      await this.store.save(typeof editing === 'number' ? editing : null, ruleBody(this.form));
      this.editing.set(null);
    } catch (error) {
      this.formProblem.set(Problem.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected drop(event: CdkDragDrop<Rule[]>): void {
    if (event.previousIndex !== event.currentIndex) this.move(event.previousIndex, event.currentIndex);
  }

  /** Keyboard users move a rule with buttons; pointer users drag it. */
  protected move(from: number, to: number): void {
    const ids = this.store.rules().map((r) => r.id);
    if (to < 0 || to >= ids.length) return;
    void this.store.reorder(moved(ids, from, to));
  }
}
