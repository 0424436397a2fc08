import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { SignIn } from './sign-in';

describe('The sign-in form', () => {
  const render = async () => {
    TestBed.configureTestingModule({ imports: [SignIn], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    return fixture;
  };
  const submit = async (fixture: Awaited<ReturnType<typeof render>>) => {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  };

  it('should ask for both fields before calling the server', async () => {
    const fixture = await render();
    const signIn = jest.spyOn(TestBed.inject(SessionStore), 'signIn');
    await submit(fixture);
    const text = (fixture.nativeElement as HTMLElement).textContent;
    expect(text).toContain('Enter your login name');
    expect(text).toContain('Enter your password');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('should label every field', async () => {
    const fixture = await render();
    const element = fixture.nativeElement as HTMLElement;
    for (const input of Array.from(element.querySelectorAll('input'))) {
      expect(element.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    }
  });

  it('should say so when the session ended by itself', async () => {
    TestBed.configureTestingModule({ imports: [SignIn], providers: [provideRouter([])] });
    TestBed.inject(SessionStore).expire();
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Your session has ended');
  });

  it('should go back only to a page of the console', async () => {
    const fixture = await render();
    const session = TestBed.inject(SessionStore);
    jest.spyOn(session, 'signIn').mockResolvedValue();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const element = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('input[autocomplete=username]', 'admin');
    type('input[type=password]', 'secret');
    fixture.componentRef.setInput('returnUrl', '//evil.example/steal');
    await submit(fixture);
    expect(navigate).toHaveBeenLastCalledWith('/');
    fixture.componentRef.setInput('returnUrl', '/registries/3');
    await submit(fixture);
    expect(navigate).toHaveBeenLastCalledWith('/registries/3');
  });
});
